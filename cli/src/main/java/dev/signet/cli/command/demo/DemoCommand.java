package dev.signet.cli.command.demo;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.CosignKeyFile;
import dev.signet.crypto.keys.KeyFiles;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.server.RegistryServer;
import dev.signet.sign.AccessoryScanner;
import dev.signet.sign.ImageResolver;
import dev.signet.sign.ImageSigner;
import dev.signet.sign.ImageVerifier;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SignOptions;
import dev.signet.sign.SignResult;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.VerificationException;
import dev.signet.sign.VerificationOutput;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.VerificationReport;
import dev.signet.sign.internal.Pauser;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code signet demo}: the whole story in one command, against the embedded Signet registry on a free
 * loopback port — push an image, make a key pair, sign in both cosign formats, verify, list the
 * accessories the registry keeps, and show a wrong-key and an unsigned verification being rejected.
 */
@Command(name = "demo", description = "Run the embedded Signet registry and walk through signing and verification.")
public final class DemoCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--keep-running", description = "Keep the registry running afterwards (Ctrl-C stops it).")
  boolean keepRunning;

  @Option(names = "--data", description = "Data directory (default: a new temporary directory).")
  String data;

  public DemoCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = data != null ? ctx.resolve(data) : Files.createTempDirectory("signet-demo-");
    PrintStream out = ctx.out();
    try (RegistryServer server = RegistryServer.builder().host("127.0.0.1").port(0)
        .dataDir(dir.resolve("registry")).clock(ctx.clock()).build().start()) {
      String host = "127.0.0.1:" + server.port();
      step("Signet registry listening on " + server.url() + " (data: " + dir + ")");
      HttpRegistryClient client = HttpRegistryClient.builder().userAgent("signet-demo").build();
      Repository repo = Repository.parse(host + "/demo/hello");
      Digest digest = DemoImage.push(client, repo, "v1", "hello from signet demo\n");
      ImageReference image = DemoImage.reference(repo, "v1");
      step("Pushed " + image + " (" + digest + ")");

      PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
      Path keys = Files.createDirectories(dir.resolve("keys"));
      KeyFiles.writePrivateKey(keys.resolve("cosign.key"), CosignKeyFile.encrypt(key, new char[0]));
      KeyFiles.writePublicKey(keys.resolve("cosign.pub"),
          PublicKeys.toPem(key.publicKey()).getBytes(StandardCharsets.US_ASCII));
      step("Generated " + keys.resolve("cosign.key") + " (empty password) and cosign.pub");

      ImageSigner signer = new ImageSigner(client, ctx.clock(), Pauser.jittered());
      ResolvedImage resolved = new ImageResolver(client).resolve(image.withDigest(digest));
      for (SignatureFormat format : SignatureFormat.values()) {
        SignResult r = signer.sign(resolved, Signers.from(key), SignOptions.defaults().withFormat(format)).get(0);
        step("Signed (" + (format == SignatureFormat.BUNDLE ? "cosign v3 bundle as an OCI 1.1 referrer"
            : "legacy cosign .sig tag") + "): " + r.location().orElse("?"));
      }

      VerificationPolicy policy = VerificationPolicy.forKey(key.publicKey()).withIgnoreTlog(true);
      VerificationReport report = new ImageVerifier(client).verify(image, policy);
      step("Verified " + image + " with cosign.pub:");
      ctx.err().print(VerificationOutput.header(report, policy));
      out.print(VerificationOutput.json(report.signatures()));

      step("Accessories the registry keeps for " + digest + " (GET /api/v1/…/accessories):");
      out.println(accessories(server.url(), "demo/hello", digest));
      new AccessoryScanner(client).scan(repo, digest)
          .forEach(a -> out.println("  " + a.category() + "  " + a.type() + "  " + a.digest()));

      PrivateKeyHandle other = KeyGenerator.generateEcdsaP256();
      rejected("Verifying with another key", () -> new ImageVerifier(client)
          .verify(image, VerificationPolicy.forKey(other.publicKey()).withIgnoreTlog(true)));
      DemoImage.push(client, Repository.parse(host + "/demo/unsigned"), "v1", "nobody signed me\n");
      rejected("Verifying an unsigned image", () -> new ImageVerifier(client)
          .verify(DemoImage.reference(Repository.parse(host + "/demo/unsigned"), "v1"), policy));
      new KeylessDemo(ctx, this::step).run(dir.resolve("keyless"));
      step("Demo finished: every step behaved as expected.");

      if (keepRunning) {
        out.println();
        out.println("The registry keeps running. Try:");
        out.println("  ./signet verify --key " + keys.resolve("cosign.pub") + " --insecure-ignore-tlog=true " + image);
        out.println("  ./signet tree " + image);
        out.println("  skopeo inspect --tls-verify=false docker://" + image);
        out.println("Press Ctrl-C to stop.");
        out.flush();
        new CountDownLatch(1).await();
      }
    }
    if (data == null) {
      deleteTree(dir);
    }
    return ExitCodes.OK;
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void step(String text) {
    ctx.out().println("==> " + text);
    ctx.out().flush();
  }

  /** Runs a verification that must fail; the demo fails if it does not. */
  private void rejected(String what, ThrowingVerify verify) throws Exception {
    try {
      verify.run();
    } catch (VerificationException e) {
      step(what + ": rejected as expected (" + e.reason() + "): " + e.getMessage().lines().findFirst().orElse(""));
      return;
    }
    throw new CommandFailure(ExitCodes.FAILURE, what + " was accepted: the demo expected a rejection");
  }

  private static String accessories(URI base, String name, Digest digest) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            base.resolve("/api/v1/repositories/" + name + "/artifacts/" + digest + "/accessories")).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  @FunctionalInterface
  private interface ThrowingVerify {
    void run() throws Exception;
  }
}
