package dev.signet.cli.command.admin;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialException;
import dev.signet.registry.client.auth.DockerConfigCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the admin API is and who calls it (a picocli mixin). Credentials: {@code --username} with
 * {@code --password-stdin}; else {@code SIGNET_ADMIN_PASSWORD} (as {@code --username}, default
 * {@code admin}); else the docker config entry for the registry's host (as written by {@code signet login}).
 */
public final class AdminConnection {
  static final String PASSWORD_ENV = "SIGNET_ADMIN_PASSWORD";

  @Option(names = "--registry", required = true, paramLabel = "URL",
      description = "The Signet registry, e.g. https://registry.example.com or 127.0.0.1:5000 "
          + "(no scheme: http for loopback hosts, https otherwise).")
  String registry;

  @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Who calls the admin API.")
  String username;

  @Option(names = "--password-stdin",
      description = "Read the caller's password from standard input (for 'user create' and 'user passwd': the new "
          + "password; the caller then authenticates with SIGNET_ADMIN_PASSWORD or a docker login).")
  boolean passwordStdin;

  /** The registry's base URL. */
  URI baseUrl() {
    String r = registry.trim();
    if (!r.contains("://")) {
      String host = r.contains("/") ? r.substring(0, r.indexOf('/')) : r;
      boolean loopback = host.startsWith("127.") || host.startsWith("localhost") || host.startsWith("[::1]");
      r = (loopback ? "http://" : "https://") + r;
    }
    try {
      URI u = URI.create(r.endsWith("/") ? r.substring(0, r.length() - 1) : r);
      if (u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        throw new IllegalArgumentException();
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "--registry: not a registry URL: " + registry);
    }
  }

  /** A client authenticated as the caller; {@code stdinTaken} when standard input holds a new password. */
  AdminClient client(CliContext ctx, boolean stdinTaken) {
    URI base = baseUrl();
    return new AdminClient(base, credential(ctx, base.getRawAuthority(), stdinTaken));
  }

  /** Standard input without one trailing newline. */
  static String readStdin(CliContext ctx) {
    try {
      String s = new String(ctx.stdin().readAllBytes(), StandardCharsets.UTF_8);
      s = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
      return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "reading standard input: " + e.getMessage(), e);
    }
  }

  private Credential credential(CliContext ctx, String host, boolean stdinTaken) {
    if (passwordStdin && !stdinTaken) {
      if (username == null || username.isEmpty()) {
        throw new CommandFailure(ExitCodes.FAILURE, "--password-stdin needs --username");
      }
      return Credential.basic(username, readStdin(ctx));
    }
    String env = ctx.env(PASSWORD_ENV);
    if (env != null && !env.isEmpty()) {
      return Credential.basic(username == null || username.isEmpty() ? "admin" : username, env);
    }
    Optional<Credential> docker = fromDockerConfig(ctx, host);
    if (docker.isPresent() && !docker.get().isIdentityToken()
        && (username == null || username.equals(docker.get().username()))) {
      return docker.get();
    }
    throw new CommandFailure(ExitCodes.FAILURE, "no credentials for " + host + ": pass --username and "
        + "--password-stdin, set " + PASSWORD_ENV + ", or run 'signet login " + host + "'");
  }

  private static Optional<Credential> fromDockerConfig(CliContext ctx, String host) {
    Path config = ctx.workingDirectory().resolve(DockerConfigCredentials.configPath(ctx.env()));
    try {
      return new DockerConfigCredentials(config, ctx.env()).credentialFor(host);
    } catch (CredentialException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "reading credentials for " + host + ": " + e.getMessage(), e);
    }
  }
}
