package dev.signet.registry.server.auth.http;

import dev.signet.registry.server.auth.AdminExtensions;
import dev.signet.registry.server.auth.AuditLog;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.Principal;

/** Runs an {@link AdminExtensions} endpoint for an already authorized caller, and audits changes. */
final class ExtensionDispatch {
  private final AuthServices auth;

  ExtensionDispatch(AuthServices auth) {
    this.auth = auth;
  }

  void serve(AuthExchange ex, AdminExtensions.Matched m, Principal caller) throws ApiException {
    AdminExtensions.Registration reg = m.registration();
    boolean read = ex.method().equals("GET") || ex.method().equals("HEAD");
    byte[] body = read ? new byte[0] : ex.body();
    AdminExtensions.Reply reply = reg.endpoint().handle(new AdminExtensions.Request(ex.method(), ex.path(), m.match(),
        ex::query, body, caller));
    if (!read && reg.auditAction() != null) {
      String target = m.match().groupCount() >= 1 && m.match().group(1) != null ? m.match().group(1) : ex.path();
      boolean ok = reply.status() < 400;
      auth.audit().record(caller.actor(), reg.auditAction(), target, ok ? AuditLog.OK : AuditLog.FAILED,
          ok ? null : "HTTP " + reply.status());
    }
    ex.send(reply.status(), reply.contentType(), reply.body() == null ? new byte[0] : reply.body());
  }
}
