package dev.signet.registry.server.http;

import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.service.RegistryException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The Jetty entry point: wraps the exchange, dispatches, and sends every failure through {@link ErrorResponses}. */
public final class RegistryHandler extends Handler.Abstract {
  private final Routes routes;

  public RegistryHandler(Routes routes) {
    this.routes = routes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange ex = new Exchange(request, response, callback);
    ex.setHeader("Docker-Distribution-Api-Version", "registry/2.0");
    String path = ex.rawPath();
    if (path.equals("/v2/") || path.equals("/v2")) {
      // on every answer of the version check, the 401 challenge included
      ex.setHeader(SignaturesHandler.HEADER, SignaturesHandler.VERSION);
    }
    try {
      routes.dispatch(ex);
    } catch (RegistryException e) {
      ErrorResponses.send(ex, e);
    } catch (Exchange.ClientBodyException e) {
      ErrorResponses.send(ex, RegistryException.of(ErrorCode.BLOB_UPLOAD_INVALID, "request body incomplete",
          e.getMessage()));
    } catch (Exchange.BadQueryException e) {
      ErrorResponses.send(ex, RegistryException.withStatus(ErrorCode.UNSUPPORTED, 400, e.getMessage()));
    } catch (RuntimeException | Error e) {
      ErrorResponses.internal(ex, e);
    }
    return true;
  }
}
