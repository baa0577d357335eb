package dev.signet.registry.server.auth.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.auth.AdminExtensions;
import dev.signet.registry.server.auth.AuditLog;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.Gate;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.auth.Role;
import dev.signet.registry.server.auth.SqlAuditLog;
import dev.signet.registry.server.service.RegistryException;
import java.util.Optional;

/**
 * The admin API under {@code /api/v1/admin}, JSON in and out, basic authentication only (robots are
 * refused). System administrators may do everything; a project's admins (role {@code admin}) manage its
 * members and robots; any user may list the projects they can see and change their own password.
 *
 * <pre>
 * GET    /users                                 list users                 system admin
 * POST   /users {name, password, systemAdmin}   create a user              system admin
 * DELETE /users/NAME                            delete a user              system admin
 * PUT    /users/NAME/password {password}        change a password          system admin, or the user
 * GET    /projects                              projects the caller sees   any user
 * POST   /projects {name, public}               create a project           system admin
 * GET    /projects/P                            one project                a member, or public
 * DELETE /projects/P                            delete an empty project    system admin
 * GET    /projects/P/members                    list members               project admin
 * PUT    /projects/P/members/USER {role}        add or change a member     project admin
 * DELETE /projects/P/members/USER               remove a member            project admin
 * GET    /projects/P/robots                     list robots (no tokens)    project admin
 * POST   /projects/P/robots {name, role}        create; token shown once   project admin
 * DELETE /projects/P/robots/NAME                revoke                     project admin
 * GET    /audit?limit=N                         newest audit records       system admin
 * </pre>
 *
 * Other parts of the registry add endpoints through {@link AdminExtensions}; they are matched first.
 */
final class AdminApi {
  private final AuthServices auth;
  private final Gate gate;
  private final AdminUsers users;
  private final AdminProjects projects;
  private final AdminRobots robots;
  private final ExtensionDispatch extensions;

  AdminApi(AuthServices auth) {
    this.auth = auth;
    this.gate = auth.gate();
    this.users = new AdminUsers(auth);
    this.projects = new AdminProjects(auth);
    this.robots = new AdminRobots(auth);
    this.extensions = new ExtensionDispatch(auth);
  }

  /** An extension endpoint: authenticates the caller and checks its declared authorization. */
  void extension(AuthExchange ex, AdminExtensions.Matched m) throws ApiException, RegistryException {
    Principal caller = caller(ex);
    AdminExtensions.Registration reg = m.registration();
    String action = auditAction(reg.auditAction(), ex.method());
    switch (reg.authorization()) {
      case SYSTEM_ADMIN -> requireSystemAdmin(auth, caller, action, ex.path());
      case PROJECT_ADMIN -> {
        String project = m.match().group(1);
        if (!auth.access().allows(caller, project, Role.ADMIN)) {
          auth.audit().record(caller.actor(), action, project, AuditLog.DENIED, "needs admin on the project");
          throw ApiException.denied("requested access to the resource is denied");
        }
      }
      case AUTHENTICATED -> {
        // the endpoint decides
      }
    }
    extensions.serve(ex, m, caller);
  }

  /**
   * The action a refused extension call is audited as: the registration's (a change, e.g. {@code policy.set})
   * for writes, its {@code .read} counterpart ({@code policy.read}) for GET and HEAD.
   */
  static String auditAction(String registered, String method) {
    String base = registered != null ? registered : "admin.extension";
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return base;
    }
    int dot = base.lastIndexOf('.');
    return (dot > 0 ? base.substring(0, dot) : base) + ".read";
  }

  void handle(AuthExchange ex, String subpath) throws ApiException, RegistryException {
    Principal caller = caller(ex);
    String[] seg = subpath.replaceFirst("^/+", "").split("/", -1);
    String method = ex.method();
    String first = seg[0];
    if (first.equals("users")) {
      users.handle(ex, caller, seg);
    } else if (first.equals("projects") && seg.length >= 3 && seg[2].equals("robots")) {
      robots.handle(ex, caller, seg);
    } else if (first.equals("projects")) {
      projects.handle(ex, caller, seg);
    } else if (first.equals("audit") && seg.length == 1 && method.equals("GET")) {
      audit(ex, caller);
    } else {
      throw ApiException.notFound("no admin endpoint " + method + " /api/v1/admin" + subpath);
    }
  }

  /** The authenticated (human) caller; every refusal is audited as {@code admin.api} (wrong passwords as {@code login}). */
  private Principal caller(AuthExchange ex) throws ApiException, RegistryException {
    Optional<String> header = ex.header("Authorization");
    if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
      auth.audit().record("anonymous", "admin.api", ex.path(), AuditLog.DENIED,
          ex.method() + " without basic authentication");
      ex.setResponseHeader("WWW-Authenticate", "Basic realm=\"signet\"");
      throw new ApiException(401, "UNAUTHORIZED", "the admin API needs basic authentication (user name and password)");
    }
    String[] pair = Gate.decodeBasic(header.get().substring(6).trim());
    Optional<Principal> p = pair == null ? Optional.empty() : gate.login(ex, pair[0], pair[1]);
    if (p.isEmpty()) {
      if (pair == null) {
        auth.audit().record("anonymous", "admin.api", ex.path(), AuditLog.DENIED, "malformed basic credentials");
      }
      ex.setResponseHeader("WWW-Authenticate", "Basic realm=\"signet\"");
      throw new ApiException(401, "UNAUTHORIZED", "wrong user name or password");
    }
    if (p.get().kind() == Principal.Kind.ROBOT) {
      auth.audit().record(p.get().actor(), "admin.api", ex.path(), AuditLog.DENIED,
          ex.method() + ": robot accounts cannot use the admin API");
      throw ApiException.denied("robot accounts cannot use the admin API");
    }
    return p.get();
  }

  private void audit(AuthExchange ex, Principal caller) throws ApiException {
    requireSystemAdmin(auth, caller, "audit.read", null);
    int limit;
    try {
      limit = Math.max(1, Math.min(10_000, Integer.parseInt(ex.query("limit").orElse("100"))));
    } catch (NumberFormatException e) {
      throw ApiException.invalid("limit must be a number");
    }
    ArrayNode out = AuthExchange.JSON.createArrayNode();
    for (SqlAuditLog.Entry e : auth.audit().recent(limit)) {
      ObjectNode o = out.addObject();
      o.put("id", e.id());
      o.put("time", e.at().toString());
      o.put("actor", e.actor());
      o.put("action", e.action());
      o.put("target", e.target());
      o.put("outcome", e.outcome());
      o.put("detail", e.detail());
    }
    ex.sendJson(200, out);
  }

  /** Refuses (and audits) a caller who is not a system administrator. */
  static void requireSystemAdmin(AuthServices auth, Principal caller, String action, String target)
      throws ApiException {
    if (!caller.systemAdmin()) {
      auth.audit().record(caller.actor(), action, target, AuditLog.DENIED, "needs system admin");
      throw ApiException.denied("only system administrators may do this");
    }
  }

  /** Refuses (and audits) a caller who is not an admin of {@code project}; 404 for admins when it is unknown. */
  static void requireProjectAdmin(AuthServices auth, Principal caller, String project, String action)
      throws ApiException {
    if (!auth.access().allows(caller, project, Role.ADMIN)) {
      auth.audit().record(caller.actor(), action, project, AuditLog.DENIED, "needs admin on the project");
      throw ApiException.denied("requested access to the resource is denied");
    }
    if (auth.projects().get(project).isEmpty()) {
      throw ApiException.notFound("no project " + project);
    }
  }

  /** A required string field of a JSON body. */
  static String text(com.fasterxml.jackson.databind.JsonNode body, String field) throws ApiException {
    com.fasterxml.jackson.databind.JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw ApiException.invalid("\"" + field + "\" (a string) is required");
    }
    return v.asText();
  }

  static Role role(String text) throws ApiException {
    try {
      return Role.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(e.getMessage());
    }
  }
}
