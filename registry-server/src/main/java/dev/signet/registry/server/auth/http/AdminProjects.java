package dev.signet.registry.server.auth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.auth.AccountNames;
import dev.signet.registry.server.auth.AuditLog;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.auth.ProjectStore;
import dev.signet.registry.server.auth.Role;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /api/v1/admin/projects…}: projects and their members. */
final class AdminProjects {
  private final AuthServices auth;

  AdminProjects(AuthServices auth) {
    this.auth = auth;
  }

  void handle(AuthExchange ex, Principal caller, String[] seg) throws ApiException {
    String method = ex.method();
    if (seg.length == 1 && method.equals("GET")) {
      list(ex, caller);
    } else if (seg.length == 1 && method.equals("POST")) {
      create(ex, caller);
    } else if (seg.length == 2 && method.equals("GET")) {
      ProjectStore.Project p = auth.projects().get(seg[1]).filter(x -> visible(caller, x))
          .orElseThrow(() -> ApiException.notFound("no project " + seg[1]));
      ObjectNode out = AuthExchange.JSON.createObjectNode();
      view(out, p);
      ex.sendJson(200, out);
    } else if (seg.length == 2 && method.equals("DELETE")) {
      delete(ex, caller, seg[1]);
    } else if (seg.length == 3 && seg[2].equals("members") && method.equals("GET")) {
      AdminApi.requireProjectAdmin(auth, caller, seg[1], "member.list");
      ArrayNode out = AuthExchange.JSON.createArrayNode();
      for (ProjectStore.Member m : auth.projects().members(seg[1])) {
        out.addObject().put("user", m.user()).put("role", m.role().label());
      }
      ex.sendJson(200, out);
    } else if (seg.length == 4 && seg[2].equals("members") && method.equals("PUT")) {
      setMember(ex, caller, seg[1], seg[3]);
    } else if (seg.length == 4 && seg[2].equals("members") && method.equals("DELETE")) {
      AdminApi.requireProjectAdmin(auth, caller, seg[1], "member.remove");
      if (!auth.projects().removeMember(seg[1], seg[3])) {
        throw ApiException.notFound("user " + seg[3] + " is not a member of " + seg[1]);
      }
      auth.audit().record(caller.actor(), "member.remove", seg[1] + "/" + seg[3], AuditLog.OK, null);
      ex.send(204);
    } else {
      throw ApiException.notFound("no admin endpoint " + method + " " + ex.path());
    }
  }

  private void list(AuthExchange ex, Principal caller) {
    Set<String> mine = auth.projects().memberships(caller.name()).stream().map(ProjectStore.Member::project)
        .collect(Collectors.toSet());
    ArrayNode out = AuthExchange.JSON.createArrayNode();
    for (ProjectStore.Project p : auth.projects().list()) {
      if (caller.systemAdmin() || p.isPublic() || mine.contains(p.name())) {
        view(out.addObject(), p);
      }
    }
    ex.sendJson(200, out);
  }

  private void create(AuthExchange ex, Principal caller) throws ApiException {
    JsonNode body = ex.json();
    String name = AdminApi.text(body, "name");
    AdminApi.requireSystemAdmin(auth, caller, "project.create", name);
    if (!AccountNames.isComponent(name)) {
      throw ApiException.invalid("a project name is one repository path component: lower-case letters and digits, "
          + "separated by '.', '_', '__' or dashes");
    }
    boolean isPublic = body.path("public").asBoolean(false);
    if (!auth.projects().create(name, isPublic)) {
      throw ApiException.conflict("project " + name + " exists");
    }
    auth.audit().record(caller.actor(), "project.create", name, AuditLog.OK, isPublic ? "public" : "private");
    ObjectNode out = AuthExchange.JSON.createObjectNode();
    view(out, auth.projects().get(name).orElseThrow());
    ex.sendJson(201, out);
  }

  private void delete(AuthExchange ex, Principal caller, String name) throws ApiException {
    AdminApi.requireSystemAdmin(auth, caller, "project.delete", name);
    if (auth.projects().get(name).isEmpty()) {
      throw ApiException.notFound("no project " + name);
    }
    if (auth.projects().hasManifests(name)) {
      throw ApiException.conflict("project " + name + " still holds manifests: delete them first");
    }
    auth.projects().delete(name);
    auth.audit().record(caller.actor(), "project.delete", name, AuditLog.OK, null);
    ex.send(204);
  }

  private void setMember(AuthExchange ex, Principal caller, String project, String user) throws ApiException {
    AdminApi.requireProjectAdmin(auth, caller, project, "member.set");
    Role role = AdminApi.role(AdminApi.text(ex.json(), "role"));
    if (auth.users().get(user).isEmpty()) {
      throw ApiException.notFound("no user " + user);
    }
    boolean existed = auth.projects().role(project, user).isPresent();
    auth.projects().setMember(project, user, role);
    auth.audit().record(caller.actor(), "member.set", project + "/" + user, AuditLog.OK, "role " + role.label());
    ex.sendJson(existed ? 200 : 201, AuthExchange.JSON.createObjectNode().put("user", user).put("role", role.label()));
  }

  private boolean visible(Principal caller, ProjectStore.Project p) {
    return caller.systemAdmin() || p.isPublic() || auth.projects().role(p.name(), caller.name()).isPresent();
  }

  private static void view(ObjectNode o, ProjectStore.Project p) {
    o.put("name", p.name());
    o.put("public", p.isPublic());
    o.put("created", p.created().toString());
  }
}
