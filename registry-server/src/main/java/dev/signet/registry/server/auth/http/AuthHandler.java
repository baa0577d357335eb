package dev.signet.registry.server.auth.http;

import dev.signet.registry.server.auth.AdminExtensions;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.service.Registry;
import dev.signet.registry.server.service.RegistryException;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of the registry API: serves the token endpoint {@code /auth/token}, the admin API
 * {@code /api/v1/admin/…} and, in auth mode, a catalog filtered to what the caller may pull; everything
 * else goes to the registry handler (which authorizes through the gate). Without authentication the token
 * endpoint and the account endpoints answer 404, and {@link AdminExtensions} endpoints are open like the rest
 * of the registry.
 */
public final class AuthHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);
  private static final String ADMIN = "/api/v1/admin";

  private final AuthServices auth;
  private final TokenEndpoint token;
  private final AdminApi admin;
  private final CatalogEndpoint catalog;
  private final ExtensionDispatch openExtensions;
  private final OidcEndpoints oidc;

  public AuthHandler(AuthServices auth, Registry registry, Handler registryHandler) {
    super(registryHandler);
    this.auth = auth;
    this.token = auth.enabled() ? new TokenEndpoint(auth) : null;
    this.admin = auth.enabled() ? new AdminApi(auth) : null;
    this.catalog = auth.enabled() ? new CatalogEndpoint(auth, registry.discovery()) : null;
    this.openExtensions = new ExtensionDispatch(auth);
    this.oidc = auth.enabled() ? new OidcEndpoints(auth) : null;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    boolean tokenPath = path.equals("/auth/token");
    boolean adminPath = path.equals(ADMIN) || path.startsWith(ADMIN + "/");
    boolean catalogPath = path.equals("/v2/_catalog") && auth.enabled();
    boolean oidcPath = OidcEndpoints.owns(path);
    if (!tokenPath && !adminPath && !catalogPath && !oidcPath) {
      return super.handle(request, response, callback);
    }
    AuthExchange ex = new AuthExchange(request, response, callback);
    ex.setResponseHeader("Docker-Distribution-Api-Version", "registry/2.0");
    try {
      Optional<AdminExtensions.Matched> extension = adminPath ? auth.adminExtensions().find(path) : Optional.empty();
      if (extension.isPresent() && !auth.enabled()) {
        openExtensions.serve(ex, extension.get(), Principal.ANONYMOUS);
      } else if (extension.isPresent()) {
        admin.extension(ex, extension.get());
      } else if (!auth.enabled()) {
        throw ApiException.notFound("accounts are not enabled on this registry (start it with an admin password)");
      } else if (tokenPath) {
        token.handle(ex);
      } else if (oidcPath) {
        oidc.handle(ex);
      } else if (adminPath) {
        admin.handle(ex, path.substring(ADMIN.length()));
      } else {
        catalog.handle(ex);
      }
    } catch (ApiException e) {
      reply(ex, e.status(), e.code(), e.getMessage(), e);
    } catch (RegistryException e) {
      reply(ex, e.status(), e.wireCode(), e.getMessage(), e);
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", request.getMethod(), path, e);
      reply(ex, 500, "UNKNOWN", "internal server error", e);
    }
    return true;
  }

  private static void reply(AuthExchange ex, int status, String code, String message, Throwable t) {
    if (ex.isCommitted()) {
      ex.fail(t);
    } else {
      ex.sendError(status, code, message);
    }
  }
}
