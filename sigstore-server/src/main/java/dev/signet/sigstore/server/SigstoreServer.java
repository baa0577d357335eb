package dev.signet.sigstore.server;

import dev.signet.sigstore.ca.oidc.HttpFetcher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code signet sigstore serve}: the services of {@link SigstoreServices} on their own HTTP listener. The port is
 * bound before the services open, so a listener on port 0 still gets its real URL into the trusted root.
 */
public final class SigstoreServer implements AutoCloseable {
  private static final byte[] NOT_FOUND =
      "{\"code\":404,\"message\":\"no such Sigstore endpoint\"}".getBytes(StandardCharsets.UTF_8);

  private final Server jetty;
  private final SigstoreServices services;

  private SigstoreServer(Server jetty, SigstoreServices services) {
    this.jetty = jetty;
    this.services = services;
  }

  /**
   * Binds {@code host:port} (port 0 = any free port), opens the services with {@code options} whose base URL is
   * {@code publicUrl} if given, else {@code http://host:port}, and serves them.
   */
  public static SigstoreServer start(String host, int port, URI publicUrl, SigstoreOptions options)
      throws SigstoreException {
    return start(host, port, publicUrl, options, o -> {
      try {
        return SigstoreServices.open(o, HttpFetcher.defaultClient());
      } catch (SigstoreException e) {
        throw new OpenFailure(e);
      }
    });
  }

  static SigstoreServer start(String host, int port, URI publicUrl, SigstoreOptions options,
      Function<SigstoreOptions, SigstoreServices> opener) throws SigstoreException {
    Objects.requireNonNull(host, "host");
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("sigstore");
    Server jetty = new Server(pool);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(host);
    connector.setPort(port);
    jetty.addConnector(connector);
    Handler.Singleton slot = new Handler.Wrapper();
    jetty.setHandler(slot);
    try {
      connector.open();
    } catch (java.io.IOException e) {
      throw new SigstoreException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    String base = publicUrl != null ? publicUrl.toString()
        : "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort();
    SigstoreServices services;
    try {
      services = opener.apply(options.withBaseUrl(base));
    } catch (OpenFailure e) {
      closeQuietly(connector);
      throw e.failure;
    }
    slot.setHandler(new Handler.Sequence(services.handler(), new NotFound()));
    try {
      jetty.start();
    } catch (Exception e) {
      services.close();
      closeQuietly(connector);
      throw new SigstoreException("cannot start the Sigstore server on " + base + ": " + e.getMessage(), e);
    }
    return new SigstoreServer(jetty, services);
  }

  public SigstoreServices services() {
    return services;
  }

  public URI url() {
    return URI.create(services.baseUrl());
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception ignored) {
      // stopping: nothing more to do
    }
    services.close();
  }

  private static void closeQuietly(ServerConnector connector) {
    try {
      connector.close();
    } catch (RuntimeException ignored) {
      // already failing
    }
  }

  private static final class OpenFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SigstoreException failure;

    OpenFailure(SigstoreException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }

  /** The JSON 404 for paths no service owns. */
  private static final class NotFound extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      response.setStatus(404);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.write(true, java.nio.ByteBuffer.wrap(NOT_FOUND), callback);
      return true;
    }
  }
}
