package dev.signet.cli.command.registry;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.registry.server.RegistryServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code signet registry serve}'s authentication options (a mixin): the first administrator's password,
 * the token lifetime and the public URL. An admin password turns authentication on; so do accounts already
 * in the data directory.
 */
final class AuthOptions {
  static final String PASSWORD_ENV = "SIGNET_ADMIN_PASSWORD";

  @Option(names = "--admin-password-file", paramLabel = "FILE",
      description = "Turn on authentication; if there are no users yet, create the system administrator 'admin' "
          + "with the password in FILE (default: $" + PASSWORD_ENV + ").")
  String adminPasswordFile;

  @Option(names = "--token-ttl", paramLabel = "DURATION",
      description = "Lifetime of the bearer tokens from /auth/token (default: 5m).")
  String tokenTtl;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "The URL clients reach the registry at, for the token realm (default: the URL each request "
          + "used).")
  String publicUrl;

  /** Applies the options, then the environment, then the configuration file. */
  void apply(RegistryServer.Builder b, CliContext ctx, RegistryConfigFile file) {
    Optional<Path> passwordFile = adminPasswordFile != null ? Optional.of(ctx.resolve(adminPasswordFile))
        : Optional.empty();
    String env = ctx.env(PASSWORD_ENV);
    if (passwordFile.isEmpty() && (env == null || env.isEmpty())) {
      passwordFile = file.path("admin-password-file");
    }
    if (passwordFile.isPresent()) {
      b.adminPassword(read(passwordFile.get()));
    } else if (env != null && !env.isEmpty()) {
      b.adminPassword(env.toCharArray());
    }
    String ttl = tokenTtl != null ? tokenTtl : file.get("token-ttl").orElse(null);
    String url = publicUrl != null ? publicUrl : file.get("public-url").orElse(null);
    try {
      if (ttl != null) {
        b.tokenTtl(Durations.parse(ttl));
      }
      if (url != null) {
        URI u = URI.create(url);
        if (u.getScheme() == null || u.getHost() == null) {
          throw new IllegalArgumentException("--public-url must be an absolute URL such as https://registry.example.com");
        }
        b.publicUrl(u);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage());
    }
  }

  private static char[] read(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      s = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
      s = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      if (s.isEmpty()) {
        throw new CommandFailure(ExitCodes.FAILURE, "the admin password file " + file + " is empty");
      }
      return s.toCharArray();
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot read the admin password file " + file + ": "
          + e.getMessage(), e);
    }
  }
}
