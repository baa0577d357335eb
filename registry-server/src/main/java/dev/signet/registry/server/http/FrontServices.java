package dev.signet.registry.server.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Services served beside the registry on the same listener (the embedded Sigstore services): they are built
 * once the registry's URL is known, i.e. after the port is bound, and get the first look at every request;
 * whatever they decline goes on to the registry. Until they are installed every request goes to the registry.
 */
public final class FrontServices extends Handler.Wrapper {
  private volatile Handler services;
  private volatile AutoCloseable resources;

  public FrontServices(Handler registry) {
    super(registry);
  }

  /** Installs (and starts) the services, whose {@code resources} {@link #closeResources} closes; called once. */
  public void install(Handler handler, AutoCloseable resources) throws Exception {
    this.resources = resources;
    handler.setServer(getServer());
    if (handler instanceof org.eclipse.jetty.util.component.LifeCycle l && !l.isStarted()) {
      l.start();
    }
    this.services = handler;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Handler s = services;
    if (s != null && s.handle(request, response, callback)) {
      return true;
    }
    return super.handle(request, response, callback);
  }

  /** Closes what {@link #install} was given (after the server stopped); never throws. */
  public void closeResources() {
    AutoCloseable r = resources;
    resources = null;
    if (r != null) {
      try {
        r.close();
      } catch (Exception e) {
        // closing anyway
      }
    }
  }

  @Override
  protected void doStop() throws Exception {
    Handler s = services;
    if (s instanceof org.eclipse.jetty.util.component.LifeCycle l) {
      l.stop();
    }
    super.doStop();
  }
}
