package dev.signet.registry.server;

import dev.signet.registry.server.auth.AdminExtensions;
import dev.signet.registry.server.auth.AuditLog;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.auth.Role;
import dev.signet.registry.server.service.Registry;
import dev.signet.registry.server.trust.LoggingAuditSink;
import dev.signet.registry.server.trust.PullDecision;
import dev.signet.registry.server.trust.http.PolicyAdminHandler;

/**
 * Connects verified-pull enforcement to accounts: accounts holding push on a project may read its
 * unverified manifests — the push-then-sign workflow, where cosign and signet resolve the tag with a GET
 * (pull-scoped token) before signing — and every pull decision goes to the audit log as well as the
 * server log. The exemption follows the account's role, never the User-Agent. The policy admin endpoint
 * is served behind project-admin rights.
 */
final class TrustWiring {
  private TrustWiring() {}

  static void wire(Registry registry, AuthServices auth) {
    PolicyAdminHandler policies = new PolicyAdminHandler(registry.trust());
    auth.adminExtensions().add(PolicyAdminHandler.PATH_REGEX, AdminExtensions.Authorization.PROJECT_ADMIN,
        "policy.set", r -> {
          PolicyAdminHandler.Reply reply = policies.handle(r.method(), r.group(1), r.body());
          return new AdminExtensions.Reply(reply.status(), reply.contentType(), reply.body());
        });
    if (!auth.enabled()) {
      return; // without accounts nobody is exempt: an enforced image needs its signature before anyone reads it
    }
    registry.trust().setExemption((principal, project, repository) ->
        principal != null && principal != Principal.ANONYMOUS && principal.name() != null
            && auth.access().allows(principal, project, Role.PUSH));
    LoggingAuditSink log = new LoggingAuditSink();
    registry.trust().setAuditSink(d -> {
      log.record(d);
      if (d.verdict() == PullDecision.Verdict.DENIED || d.verdict() == PullDecision.Verdict.AUDITED) {
        auth.audit().record(d.principal() == null ? "anonymous" : d.principal(), "pull.policy",
            d.repository() + "@" + d.digest(), d.verdict() == PullDecision.Verdict.DENIED ? AuditLog.DENIED : AuditLog.OK,
            d.reason());
      }
    });
  }
}
