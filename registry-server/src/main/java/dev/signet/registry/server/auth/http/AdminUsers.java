package dev.signet.registry.server.auth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.auth.AccountNames;
import dev.signet.registry.server.auth.AuditLog;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.auth.UserStore;

/** {@code /api/v1/admin/users…}: list, create, delete, change password. */
final class AdminUsers {
  static final int MIN_PASSWORD = 8;
  private final AuthServices auth;

  AdminUsers(AuthServices auth) {
    this.auth = auth;
  }

  void handle(AuthExchange ex, Principal caller, String[] seg) throws ApiException {
    String method = ex.method();
    if (seg.length == 1 && method.equals("GET")) {
      AdminApi.requireSystemAdmin(auth, caller, "user.list", null);
      ArrayNode out = AuthExchange.JSON.createArrayNode();
      auth.users().list().forEach(u -> view(out.addObject(), u));
      ex.sendJson(200, out);
    } else if (seg.length == 1 && method.equals("POST")) {
      create(ex, caller);
    } else if (seg.length == 2 && method.equals("DELETE")) {
      AdminApi.requireSystemAdmin(auth, caller, "user.delete", seg[1]);
      if (seg[1].equals(caller.name())) {
        throw ApiException.conflict("you cannot delete your own account");
      }
      if (!auth.users().delete(seg[1])) {
        throw ApiException.notFound("no user " + seg[1]);
      }
      auth.credentials().forget();
      auth.audit().record(caller.actor(), "user.delete", seg[1], AuditLog.OK, null);
      ex.send(204);
    } else if (seg.length == 3 && seg[2].equals("password") && method.equals("PUT")) {
      password(ex, caller, seg[1]);
    } else {
      throw ApiException.notFound("no admin endpoint " + method + " " + ex.path());
    }
  }

  private void create(AuthExchange ex, Principal caller) throws ApiException {
    JsonNode body = ex.json();
    String name = AdminApi.text(body, "name");
    AdminApi.requireSystemAdmin(auth, caller, "user.create", name);
    if (!AccountNames.isUserName(name)) {
      throw ApiException.invalid("user names are 1-64 lower-case letters, digits, '.', '_' or '-'");
    }
    String password = checkedPassword(body);
    boolean admin = body.path("systemAdmin").asBoolean(false);
    if (!auth.users().create(name, auth.hasher().hash(password.toCharArray()), admin)) {
      throw ApiException.conflict("user " + name + " exists");
    }
    auth.audit().record(caller.actor(), "user.create", name, AuditLog.OK, admin ? "system admin" : null);
    ObjectNode out = AuthExchange.JSON.createObjectNode();
    view(out, auth.users().get(name).orElseThrow());
    ex.sendJson(201, out);
  }

  private void password(AuthExchange ex, Principal caller, String name) throws ApiException {
    if (!name.equals(caller.name())) {
      AdminApi.requireSystemAdmin(auth, caller, "user.password", name);
    }
    String password = checkedPassword(ex.json());
    if (!auth.users().setPassword(name, auth.hasher().hash(password.toCharArray()))) {
      throw ApiException.notFound("no user " + name);
    }
    auth.credentials().forget();
    auth.audit().record(caller.actor(), "user.password", name, AuditLog.OK, null);
    ex.send(204);
  }

  private static String checkedPassword(JsonNode body) throws ApiException {
    String password = AdminApi.text(body, "password");
    if (password.length() < MIN_PASSWORD) {
      throw ApiException.invalid("passwords have at least " + MIN_PASSWORD + " characters");
    }
    return password;
  }

  private static void view(ObjectNode o, UserStore.User u) {
    o.put("name", u.name());
    o.put("systemAdmin", u.systemAdmin());
    o.put("created", u.created().toString());
  }
}
