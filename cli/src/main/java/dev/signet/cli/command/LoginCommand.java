package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Versions;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.registry.client.UnauthorizedException;
import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialException;
import dev.signet.registry.client.auth.CredentialProvider;
import dev.signet.registry.client.auth.DockerConfigCredentials;
import dev.signet.registry.client.auth.DockerConfigWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code login}: checks registry credentials the way {@code docker login} does — {@code GET /v2/} with them,
 * answering the registry's challenge (bearer through its token endpoint, or basic) — and only when the
 * registry accepts them stores them in the docker config ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}) the way {@code crane auth login} does. {@code --no-verify} stores without
 * asking the registry. The password is never printed.
 */
@Command(name = "login", description = "Log in to a registry.")
public final class LoginCommand implements Callable<Integer> {

  static final String DEFAULT_REGISTRY = "index.docker.io";

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Parameters(arity = "0..1", paramLabel = "SERVER", description = "Registry host (default Docker Hub).")
  String server;

  @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Username.")
  String username;

  @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Password (insecure: prefer --password-stdin).")
  String password;

  @Option(names = "--password-stdin", description = "Read the password from standard input.")
  boolean passwordStdin;

  @Option(names = "--no-verify", description = "Store the credentials without checking them against the registry.")
  boolean noVerify;

  private final CliContext ctx;

  public LoginCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    boolean passwordOnCommandLine = spec.commandLine().getParseResult().hasMatchedOption("--password");
    if (passwordOnCommandLine && passwordStdin) {
      throw new CommandFailure(ExitCodes.FAILURE, "--password and --password-stdin are mutually exclusive");
    }
    if (passwordOnCommandLine) {
      ctx.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
    }
    String secret = passwordStdin ? readStdin() : (password == null ? "" : password);
    String user = username == null ? "" : username;
    if (user.isEmpty() && secret.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "username and password required");
    }
    String registry = server == null || server.isBlank() ? DEFAULT_REGISTRY : server.trim();
    Path config = ctx.workingDirectory().resolve(DockerConfigCredentials.configPath(ctx.env()));
    if (!noVerify) {
      verify(registry, user, secret);
      ctx.err().println("verified the credentials with " + registry);
    }
    try {
      new DockerConfigWriter(config, ctx.env()).login(registry, user, secret);
    } catch (CredentialException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "login to " + registry + ": " + scrub(e.getMessage(), secret), e);
    }
    ctx.err().println("logged in via " + config);
    return ExitCodes.OK;
  }

  /** {@code GET /v2/} on the registry with the credentials; a refusal or an unreachable registry fails the login. */
  private void verify(String registry, String user, String secret) {
    String host = normalised(registry);
    Credential credential = Credential.basic(user, secret);
    HttpRegistryClient client = HttpRegistryClient.builder()
        .credentials(CredentialProvider.of(Map.of(host, credential)))
        .userAgent("signet/" + Versions.version()).retryPolicy(RetryPolicy.none()).build();
    try {
      client.ping(host);
    } catch (UnauthorizedException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "login to " + registry + ": the registry refused the credentials ("
          + scrub(e.getMessage(), secret) + "); nothing was stored", e);
    } catch (RegistryException | IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "login to " + registry + ": could not check the credentials ("
          + scrub(e.getMessage(), secret) + "); nothing was stored (--no-verify stores them unchecked)", e);
    }
  }

  private static String normalised(String registry) {
    try {
      return Repository.parse(registry + "/x").registry();
    } catch (InvalidReferenceException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "login: " + registry + " is not a registry host (host[:port])");
    }
  }

  /** All of standard input without one trailing newline (as crane does). */
  private String readStdin() {
    try {
      String s = new String(ctx.stdin().readAllBytes(), StandardCharsets.UTF_8);
      s = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
      return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "reading the password from standard input: " + e.getMessage(), e);
    }
  }

  private static String scrub(String message, String secret) {
    if (message == null) {
      return "failed";
    }
    return secret.length() < 4 ? message : message.replace(secret, "********");
  }
}
