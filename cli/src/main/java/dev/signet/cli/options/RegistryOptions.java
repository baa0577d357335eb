package dev.signet.cli.options;

import dev.signet.cli.CliContext;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialProvider;
import dev.signet.registry.client.auth.DockerConfigCredentials;
import java.util.Collection;
import java.util.Optional;
import picocli.CommandLine.Option;

/** cosign's registry flags (a picocli mixin); builds the one registry client a command uses. */
public final class RegistryOptions {
  @Option(names = "--allow-insecure-registry", description = "Allow plain HTTP and unverified TLS for the registries named in this command.")
  boolean allowInsecure;

  @Option(names = "--allow-http-registry", description = "Allow plain HTTP for the registries named in this command.")
  boolean allowHttp;

  @Option(names = "--registry-username", description = "Registry user name (else the Docker config).")
  String username;

  @Option(names = "--registry-password", description = "Registry password.", arity = "0..1", interactive = false)
  String password;

  @Option(names = "--registry-token", description = "Registry identity token.")
  String token;

  /**
   * A client for the given registries (host[:port]); credentials from flags, else the Docker config.
   * Closed when the command ends.
   */
  public HttpRegistryClient client(CliContext context, Collection<String> registries) {
    CredentialProvider docker = DockerConfigCredentials.fromEnvironment(context.env());
    CredentialProvider fromFlags = registry -> explicit();
    HttpRegistryClient.Builder b =
        HttpRegistryClient.builder().credentials(fromFlags.orElse(docker)).userAgent("signet/" + Versions.version());
    if (allowInsecure) {
      b.allowInsecure(registries.toArray(String[]::new));
      b.allowHttp(registries.toArray(String[]::new));
    } else if (allowHttp) {
      b.allowHttp(registries.toArray(String[]::new));
    }
    return context.resources().register(b.build());
  }

  private Optional<Credential> explicit() {
    if (token != null && !token.isEmpty()) {
      return Optional.of(Credential.identityToken(token));
    }
    if (username != null && !username.isEmpty()) {
      return Optional.of(Credential.basic(username, password == null ? "" : password));
    }
    return Optional.empty();
  }
}
