package dev.signet.cli.command.sigstore;

import dev.signet.cli.CliContext;
import dev.signet.tuf.CacheLayout;
import java.nio.file.Path;
import java.time.Duration;

/** What the TUF commands share: the cache directory and per-request timeout. */
final class TufCommandSupport {
  private TufCommandSupport() {}

  /** {@code $TUF_ROOT}, else {@code $HOME/.sigstore/root} (cosign's default). */
  static Path cacheRoot(CliContext ctx) {
    String home = ctx.env("HOME");
    Path h = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    return CacheLayout.cacheRoot(ctx.env(), h);
  }

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
}
