package dev.signet.registry.server.http;

import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.auth.Access;
import dev.signet.registry.server.auth.Gate;
import dev.signet.registry.server.auth.GateRequest;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.service.Names;
import dev.signet.registry.server.service.Registry;
import dev.signet.registry.server.service.RegistryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps method and path to a handler. Repository names may contain slashes, so each pattern anchors on
 * the path's fixed tail ({@code /manifests/<ref>}, {@code /blobs/uploads/<id>}, …) and the name is
 * everything before it; it is then checked against the spec's grammar.
 */
public final class Routes {

  /** A handler for one method of one route; {@code path} holds the name and the path parameter. */
  interface Action {
    void handle(Exchange ex, PathParams path) throws RegistryException;
  }

  /** The repository name and the trailing path parameter (reference, digest or session id). */
  record PathParams(String repository, String param) {}

  private record Route(Pattern pattern, boolean named, Map<String, Action> actions) {}

  private final List<Route> routes = new ArrayList<>();
  /** Authenticates and authorizes each routed request; null without authentication. */
  private Gate gate;
  private Access access = Access.OPEN;

  /** The distribution-spec API plus Signet's accessories API over {@code registry}. */
  public static Routes of(Registry registry) {
    Routes r = new Routes();
    new BaseHandler().register(r);
    new UploadsHandler(registry.uploads(), registry.blobs()).register(r);
    new BlobsHandler(registry.blobs()).register(r);
    new ManifestsHandler(registry.manifests()).register(r);
    new TagsHandler(registry.discovery()).register(r);
    new ReferrersHandler(registry.discovery()).register(r);
    new SignaturesHandler(registry.signatures()).register(r);
    return r;
  }

  /**
   * Puts every routed request through {@code gate} (401/403 before the handler runs; pushes and deletes
   * audited after it) and lets handlers ask {@code access} about the caller ({@link Exchange#principal()}).
   */
  public Routes guard(Gate gate, Access access) {
    this.gate = gate;
    this.access = access;
    return this;
  }

  /**
   * Registers a route. {@code regex} has one group for the repository name (when {@code named}) and
   * optionally one for the trailing parameter.
   */
  Routes add(String regex, boolean named, Map<String, Action> actions) {
    Map<String, Action> copy = new LinkedHashMap<>(actions);
    if (copy.containsKey("GET") && !copy.containsKey("HEAD")) {
      copy.put("HEAD", copy.get("GET"));
    }
    routes.add(new Route(Pattern.compile(regex), named, copy));
    return this;
  }

  void dispatch(Exchange ex) throws RegistryException {
    String path = ex.rawPath();
    for (Route route : routes) {
      Matcher m = route.pattern().matcher(path);
      if (!m.matches()) {
        continue;
      }
      Action action = route.actions().get(ex.method());
      if (action == null) {
        ex.setHeader("Allow", String.join(", ", route.actions().keySet()));
        throw RegistryException.withStatus(ErrorCode.UNSUPPORTED, 405,
            ex.method() + " is not supported on " + path);
      }
      String name = route.named() ? Names.repository(m.group(1)) : null;
      int paramGroup = route.named() ? 2 : 1;
      String param = m.groupCount() >= paramGroup ? m.group(paramGroup) : null;
      if (gate == null) {
        action.handle(ex, new PathParams(name, param));
        return;
      }
      GateRequest request = ex.gateRequest(name);
      Principal who = gate.admit(request);
      ex.authorize(who, access);
      try {
        action.handle(ex, new PathParams(name, param));
      } catch (RegistryException e) {
        gate.completed(request, who, e);
        throw e;
      }
      gate.completed(request, who, null);
      return;
    }
    throw RegistryException.noRoute("no endpoint at " + path);
  }
}
