package dev.signet.registry.server;

import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialProvider;
import dev.signet.registry.server.auth.AdminExtensions;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.replication.ReplicationService;
import dev.signet.registry.server.replication.http.ReplicationAdminHandler;
import dev.signet.registry.server.service.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens the replication service next to the registry and serves its admin API (system administrators
 * only when accounts are on). Replication reads this registry over its own HTTP API; with accounts on it
 * authenticates as {@code admin} with the configured admin password, so private projects (and images an
 * enforce policy would refuse) replicate. Without a configured admin password only public content can be
 * read — the job's last error says so.
 */
final class ReplicationWiring {
  /** How often the worker looks for due retries and cron rules even without push events. */
  private static final Duration POLL = Duration.ofSeconds(15);

  private ReplicationWiring() {}

  static ReplicationService open(Path dataDir, Registry registry, Clock clock, AuthServices auth, char[] adminPassword) {
    CredentialProvider local = adminPassword == null
        ? CredentialProvider.anonymous()
        : localAdmin(new String(adminPassword));
    ReplicationService replication = ReplicationService.builder().dataDir(dataDir).registry(registry).clock(clock)
        .localCredentials(local).pollInterval(POLL).build();
    ReplicationAdminHandler admin = new ReplicationAdminHandler(replication);
    auth.adminExtensions().add(ReplicationAdminHandler.ROUTE, AdminExtensions.Authorization.SYSTEM_ADMIN,
        "replication.change", r -> {
          ReplicationAdminHandler.Response reply = admin.handle(r.method(), r.path(), r.queries(), r.body());
          return new AdminExtensions.Reply(reply.status(), "application/json", reply.body());
        });
    return replication;
  }

  private static CredentialProvider localAdmin(String password) {
    Credential admin = Credential.basic("admin", password);
    return registry -> Optional.of(admin);
  }
}
