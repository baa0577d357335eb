package dev.signet.registry.server;

import dev.signet.registry.server.auth.AdminExtensions;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.lifecycle.LifecycleService;
import dev.signet.registry.server.lifecycle.http.LifecycleAdminHandler;
import dev.signet.registry.server.service.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Opens tag immutability and retention next to the registry (guarding its tag writes), serves the
 * lifecycle admin endpoints behind project-admin rights, and checks every minute for projects whose
 * retention is due ({@code runEveryMinutes}). The service closes with the registry.
 */
final class LifecycleWiring {
  /** How often the schedule looks for due retention runs. */
  static final Duration TICK = Duration.ofMinutes(1);

  private LifecycleWiring() {}

  static LifecycleService wire(Path dataDir, Registry registry, Clock clock, AuthServices auth) {
    LifecycleService lifecycle = LifecycleService.open(dataDir.resolve("metadata.db"), registry, clock);
    registry.closeWith(lifecycle);
    LifecycleAdminHandler admin = new LifecycleAdminHandler(lifecycle);
    auth.adminExtensions().add(LifecycleAdminHandler.POLICY_REGEX, AdminExtensions.Authorization.PROJECT_ADMIN,
        "lifecycle.set", r -> reply(admin.policy(r.method(), r.group(1), r.body())));
    auth.adminExtensions().add(LifecycleAdminHandler.RUN_REGEX, AdminExtensions.Authorization.PROJECT_ADMIN,
        "retention.run", r -> reply(admin.run(r.method(), r.group(1), r.query("dryRun").orElse(null))));
    lifecycle.startSchedule(TICK);
    return lifecycle;
  }

  private static AdminExtensions.Reply reply(LifecycleAdminHandler.Reply r) {
    return new AdminExtensions.Reply(r.status(), r.contentType(), r.body());
  }
}
