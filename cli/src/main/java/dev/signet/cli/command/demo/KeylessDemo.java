package dev.signet.cli.command.demo;

import dev.signet.cli.CliContext;
import dev.signet.cli.Main;
import dev.signet.cli.command.sigstore.EmbeddedSigstore;
import dev.signet.cli.command.sigstore.SigstoreServiceOptions;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.server.RegistryServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The keyless part of {@code signet demo}: a registry with accounts that also runs the Sigstore services
 * ({@code registry serve --sigstore}); the admin account logs in, gets an ID token from the registry, signs an
 * image keylessly with the published signing config and verifies it by identity against the published trusted
 * root. Each step runs the real {@code signet} command, printed before it runs.
 */
final class KeylessDemo {
  private final CliContext ctx;
  private final Consumer<String> step;

  KeylessDemo(CliContext ctx, Consumer<String> step) {
    this.ctx = ctx;
    this.step = step;
  }

  void run(Path dir) throws Exception {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    try (RegistryServer server = RegistryServer.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("registry"))
        .clock(ctx.clock()).adminPassword(password.toCharArray())
        .frontServices(EmbeddedSigstore.factory(ctx, dir.resolve("registry/sigstore"), new SigstoreServiceOptions()))
        .build().start()) {
      String host = "127.0.0.1:" + server.port();
      step.accept("Keyless: registry with accounts and its own Sigstore services on " + server.url()
          + " (CA, CT log, Rekor, TSA, /sigstore/trusted_root.json, /sigstore/signing_config.json)");
      Map<String, String> env = new HashMap<>(ctx.env());
      env.put("DOCKER_CONFIG", Files.createDirectories(dir.resolve("docker")).toString());
      env.remove("SIGSTORE_ID_TOKEN");
      signet(env, password + "\n", "login", host, "-u", "admin", "--password-stdin");

      Repository repo = Repository.parse(host + "/demo/keyless");
      try (HttpRegistryClient client = HttpRegistryClient.builder().userAgent("signet-demo")
          .credentials(r -> Optional.of(Credential.basic("admin", password))).build()) {
        Digest digest = DemoImage.push(client, repo, "v1", "signed without a key\n");
        step.accept("Pushed " + repo + ":v1 (" + digest + ")");
      }
      Path config = Files.write(dir.resolve("signing_config.json"), get(server.url(), "/sigstore/signing_config.json"));
      Path root = Files.write(dir.resolve("trusted_root.json"), get(server.url(), "/sigstore/trusted_root.json"));
      step.accept("Fetched " + config + " and " + root);

      String token = signet(env, "", "identity-token", host).trim();
      step.accept("Got an ID token for account admin from the registry's OIDC issuer (" + token.length() + " chars)");
      signet(env, "", "sign", "--yes", "--signing-config", config.toString(), "--identity-token", token,
          repo + ":v1");
      String identity = server.url() + "/accounts/admin";
      signet(env, "", "verify", "--certificate-identity", identity, "--certificate-oidc-issuer",
          server.url().toString(), "--trusted-root", root.toString(), repo + ":v1");
      step.accept("Verified " + repo + ":v1 as signed by " + identity);
    }
  }

  /** Runs one {@code signet} command in this process with {@code env}; fails the demo when it fails. */
  private String signet(Map<String, String> env, String stdin, String... args) {
    String shown = String.join(" ", args).replaceAll("--identity-token \\S+", "--identity-token \\$TOKEN");
    step.accept("$ signet " + shown);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext sub = new CliContext(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        ctx.workingDirectory(), ctx.clock(), false);
    int code = Main.run(args, sub);
    String o = out.toString(StandardCharsets.UTF_8);
    String e = err.toString(StandardCharsets.UTF_8);
    if (!args[0].equals("identity-token")) {
      o.lines().limit(3).forEach(l -> ctx.out().println("  " + abbreviate(l)));
    }
    e.lines().forEach(l -> ctx.err().println("  " + l));
    if (code != 0) {
      throw new IllegalStateException("the keyless demo step `signet " + shown + "` failed (exit " + code + ")");
    }
    return o;
  }

  private static String abbreviate(String line) {
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static byte[] get(URI base, String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(path)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
      }
      return r.body();
    }
  }

}
