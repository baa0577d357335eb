package dev.signet.registry.server.auth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.auth.AccountNames;
import dev.signet.registry.server.auth.AuditLog;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.auth.RobotStore;
import dev.signet.registry.server.auth.Role;
import dev.signet.registry.server.auth.Secrets;

/**
 * {@code /api/v1/admin/projects/P/robots…}: robot accounts. A robot's role is pull, push or delete on its
 * project; its token is returned once, by the create call, and only its hash is kept.
 */
final class AdminRobots {
  private final AuthServices auth;

  AdminRobots(AuthServices auth) {
    this.auth = auth;
  }

  void handle(AuthExchange ex, Principal caller, String[] seg) throws ApiException {
    String method = ex.method();
    String project = seg[1];
    if (seg.length == 3 && method.equals("GET")) {
      AdminApi.requireProjectAdmin(auth, caller, project, "robot.list");
      ArrayNode out = AuthExchange.JSON.createArrayNode();
      auth.robots().list(project).forEach(r -> view(out.addObject(), r));
      ex.sendJson(200, out);
    } else if (seg.length == 3 && method.equals("POST")) {
      create(ex, caller, project);
    } else if (seg.length == 4 && method.equals("DELETE")) {
      AdminApi.requireProjectAdmin(auth, caller, project, "robot.revoke");
      if (!auth.robots().revoke(project, seg[3])) {
        throw ApiException.notFound("no active robot " + seg[3] + " in " + project);
      }
      auth.audit().record(caller.actor(), "robot.revoke", AccountNames.account(project, seg[3]), AuditLog.OK, null);
      ex.send(204);
    } else {
      throw ApiException.notFound("no admin endpoint " + method + " " + ex.path());
    }
  }

  private void create(AuthExchange ex, Principal caller, String project) throws ApiException {
    AdminApi.requireProjectAdmin(auth, caller, project, "robot.create");
    JsonNode body = ex.json();
    String name = AdminApi.text(body, "name");
    if (!AccountNames.isComponent(name)) {
      throw ApiException.invalid("a robot name is lower-case letters and digits, separated by '.', '_' or dashes");
    }
    Role role = AdminApi.role(AdminApi.text(body, "role"));
    if (role == Role.ADMIN) {
      throw ApiException.invalid("robots may pull, push or delete; they cannot administer projects");
    }
    String token = Secrets.newRobotToken();
    if (!auth.robots().create(project, name, role, Secrets.sha256Hex(token))) {
      throw ApiException.conflict("robot " + name + " exists in " + project);
    }
    auth.audit().record(caller.actor(), "robot.create", AccountNames.account(project, name), AuditLog.OK,
        "role " + role.label());
    ObjectNode out = AuthExchange.JSON.createObjectNode();
    view(out, auth.robots().get(project, name).orElseThrow());
    out.put("token", token);
    ex.sendJson(201, out);
  }

  private static void view(ObjectNode o, RobotStore.Robot r) {
    o.put("name", r.name());
    o.put("account", r.account());
    o.put("project", r.project());
    o.put("role", r.role().label());
    o.put("created", r.created().toString());
    if (r.revoked() != null) {
      o.put("revoked", r.revoked().toString());
    }
  }
}
