package dev.signet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Versions;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialException;
import dev.signet.registry.client.auth.DockerConfigCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code identity-token REGISTRY}: asks a Signet registry's OIDC issuer ({@code POST /oidc/token}) for a
 * short-lived ID token for the account stored by {@code signet login REGISTRY} (the docker config) and prints
 * it, e.g. for {@code --identity-token}. Loopback registries are reached over plain HTTP, others over HTTPS
 * unless {@code --allow-http-registry}.
 */
@Command(name = "identity-token", description = "Print an OIDC ID token for the account logged in to a Signet registry.")
public final class IdentityTokenCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "Registry host[:port] (as given to signet login).")
  String registry;

  @Option(names = "--audience", paramLabel = "AUD", description = "The token's audience (default: sigstore).")
  String audience = "sigstore";

  @Option(names = "--allow-http-registry", description = "Talk plain HTTP to a registry that is not on loopback.")
  boolean allowHttp;

  private final CliContext ctx;

  public IdentityTokenCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String host = host(registry.trim());
    Credential credential = storedCredential(host);
    URI url = URI.create((allowHttp || isLoopback(host) ? "http" : "https") + "://" + host + "/oidc/token?audience="
        + URLEncoder.encode(audience, StandardCharsets.UTF_8));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
          .header("Authorization", credential.basicAuthorization())
          .header("User-Agent", "signet/" + Versions.version())
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
      ctx.out().println(token(host, r));
      return ExitCodes.OK;
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "identity-token: cannot reach " + host + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(ExitCodes.FAILURE, "identity-token: interrupted", e);
    } finally {
      http.shutdownNow();
    }
  }

  private static String token(String host, HttpResponse<byte[]> r) {
    int status = r.statusCode();
    if (status == 401 || status == 403) {
      throw new CommandFailure(ExitCodes.FAILURE, "identity-token: " + host + " refused the stored credentials (HTTP "
          + status + "); run signet login " + host + " again");
    }
    if (status == 404 || status == 405) {
      throw new CommandFailure(ExitCodes.FAILURE, "identity-token: " + host + " does not issue ID tokens (HTTP " + status
          + "); it must be a Signet registry with accounts");
    }
    JsonNode body;
    try {
      body = new ObjectMapper().readTree(r.body());
    } catch (IOException e) {
      body = null;
    }
    if (status != 200 || body == null || !body.path("id_token").isTextual()) {
      String message = body == null ? "" : body.at("/errors/0/message").asText("");
      throw new CommandFailure(ExitCodes.FAILURE, "identity-token: " + host + " answered HTTP " + status
          + (message.isEmpty() ? " without an ID token" : ": " + message));
    }
    return body.get("id_token").asText();
  }

  private Credential storedCredential(String host) {
    Path config = ctx.workingDirectory().resolve(DockerConfigCredentials.configPath(ctx.env()));
    try {
      return new DockerConfigCredentials(config, ctx.env()).credentialFor(host)
          .orElseThrow(() -> new CommandFailure(ExitCodes.FAILURE, "identity-token: no credentials for " + host
              + " in " + config + "; run signet login " + host + " first"));
    } catch (CredentialException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "identity-token: reading the credentials for " + host + ": "
          + e.getMessage(), e);
    }
  }

  private static String host(String registry) {
    try {
      return Repository.parse(registry + "/x").registry();
    } catch (InvalidReferenceException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "identity-token: " + registry + " is not a registry host (host[:port])");
    }
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, Math.max(1, host.indexOf(']')))
        : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
  }
}
