package dev.signet.sigstore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.oci.Digest;
import dev.signet.sigstore.ca.oidc.IssuerType;
import dev.signet.sigstore.ca.oidc.OidcIssuer;
import dev.signet.testing.Processes;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.verify.Artifact;
import dev.signet.verify.SigstoreVerifier;
import dev.signet.verify.VerificationPolicy;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.x509.IdentityPolicy;
import dev.signet.verify.x509.IdentityPolicy.Identity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole self-hosted stack on one listener, driven by independent code: the real {@code @sigstore/sign}
 * client (npm, oracles/sigstore-mock/sign-with.js) gets a certificate from Signet's CA for a token of a real OIDC
 * provider (mock-oauth2-server), logs in Signet's Rekor v1 or v2 and timestamps with Signet's TSA; the bundles
 * verify with {@code @sigstore/verify} and with Signet's engine against the trusted root the server publishes.
 */
class SelfHostedStackTest {
  private static final String EMAIL = "dev@signet.test";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private MockOAuth2Server oidc;
  private SigstoreServer server;

  @BeforeEach
  void start() throws Exception {
    oidc = new MockOAuth2Server();
    oidc.start();
    server = open();
  }

  private SigstoreServer open() throws SigstoreException {
    return SigstoreServer.start("127.0.0.1", 0, null, SigstoreOptions.of(dir.resolve("data"), "http://unused",
        "pw".toCharArray(), List.of(OidcIssuer.of(oidc.issuerUrl("corp").toString(), IssuerType.EMAIL))));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    oidc.shutdown();
  }

  private String token(String issuerId) {
    return oidc.issueToken(issuerId, "signet-test", new DefaultOAuth2TokenCallback(issuerId, "user-1", "JWT",
        List.of("sigstore"), Map.of("email", EMAIL, "email_verified", true), 600)).serialize();
  }

  private static Path signerDir() {
    Path found = null;
    for (Path d = Paths.get("").toAbsolutePath(); d != null && found == null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("oracles/sigstore-mock/sign-with.js"))) {
        found = d.resolve("oracles/sigstore-mock");
      }
    }
    Assumptions.assumeTrue(found != null, "SKIPPED: oracles/sigstore-mock not found");
    boolean node;
    try {
      node = Processes.run(Duration.ofSeconds(20), "node", "--version").succeeded();
    } catch (RuntimeException e) {
      node = false;
    }
    Assumptions.assumeTrue(node, "SKIPPED: Node.js is not installed (needed for @sigstore/sign)");
    if (!Files.isRegularFile(found.resolve("node_modules/@sigstore/sign/package.json"))) {
      Processes.Result npm = Processes.run(List.of("npm", "ci", "--prefix", found.toString(), "--no-audit",
          "--no-fund", "--loglevel=error"), Duration.ofSeconds(600));
      Assumptions.assumeTrue(npm.succeeded(), "SKIPPED: npm ci in " + found + " failed: " + npm.describe());
    }
    return found;
  }

  private byte[] get(String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      return r.body();
    }
  }

  private Processes.Result sign(Path out, String token, int rekorVersion, Path artifact, Path statement)
      throws Exception {
    String base = server.url().toString();
    String spec = JSON.writeValueAsString(Map.of("fulcio", base, "rekor", base, "rekorVersion", rekorVersion,
        "tsa", base + "/api/v1/timestamp", "token", token, "artifact", artifact.toString(),
        "statement", statement.toString()));
    return Processes.run(List.of("node", signerDir().resolve("sign-with.js").toString(), out.toString(), spec),
        Duration.ofSeconds(120));
  }

  @Test
  void sigstoreSignSignsWithEveryServiceAndBothVerifiersAcceptTheBundles() throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    Path root = dir.resolve("trusted_root.json");
    Files.write(root, get("/sigstore/trusted_root.json"));
    JsonNode config = JSON.readTree(get("/sigstore/signing_config.json"));
    assertThat(config.path("caUrls").get(0).path("url").asText()).isEqualTo(server.url().toString());
    assertThat(config.path("rekorTlogUrls").findValuesAsText("majorApiVersion")).containsExactly("1");
    assertThat(config.path("tsaUrls").get(0).path("url").asText()).endsWith("/api/v1/timestamp");

    byte[] data = "release 1.0\n".getBytes(StandardCharsets.UTF_8);
    Path artifact = Files.write(dir.resolve("release.txt"), data);
    Digest digest = Digest.sha256(data);
    Path statement = Files.writeString(dir.resolve("statement.json"), "{\"_type\":\"https://in-toto.io/Statement/v1\","
        + "\"subject\":[{\"name\":\"release.txt\",\"digest\":{\"sha256\":\"" + digest.hex() + "\"}}],"
        + "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}");
    String issuer = oidc.issuerUrl("corp").toString();
    SigstoreVerifier engine = new SigstoreVerifier(TrustedRootParser.parse(Files.readAllBytes(root)));
    VerificationPolicy policy = VerificationPolicy.forIdentity(IdentityPolicy.of(Identity.exact(EMAIL, issuer)));
    for (int version : new int[] {1, 2}) {
      Path out = dir.resolve("v" + version);
      sign(out, token("corp"), version, artifact, statement).requireSuccess();
      for (String name : List.of("message.sigstore.json", "dsse.sigstore.json")) {
        Path bundle = out.resolve(name);
        OracleResult js = oracle.verify(OracleRequest.keyless(bundle, root, EMAIL, issuer, digest));
        assertThat(js.ok()).as("@sigstore/verify, Rekor v%d, %s: %s", version, name, js).isTrue();
        SigstoreBundle parsed = SigstoreBundle.parse(Files.readAllBytes(bundle));
        assertThat(engine.verify(parsed, Artifact.of(data), policy)).as("Signet engine, %s", name).isNotNull();
        assertThatThrownBy(() -> engine.verify(parsed, Artifact.of(data), VerificationPolicy.forIdentity(
            IdentityPolicy.of(Identity.exact("other@signet.test", issuer))))).as("wrong identity").isNotNull();
      }
    }
  }

  @Test
  void sigstoreJavaVerifiesAMessageBundleMadeAgainstTheStack() throws Exception {
    Path root = Files.write(dir.resolve("trusted_root.json"), get("/sigstore/trusted_root.json"));
    byte[] data = "release 2.0\n".getBytes(StandardCharsets.UTF_8);
    Path artifact = Files.write(dir.resolve("release.txt"), data);
    Path out = dir.resolve("java");
    sign(out, token("corp"), 1, artifact, artifact).requireSuccess();
    dev.sigstore.bundle.Bundle bundle = dev.sigstore.bundle.Bundle.from(new java.io.StringReader(
        Files.readString(out.resolve("message.sigstore.json"))));
    String issuer = oidc.issuerUrl("corp").toString();
    java.util.function.Function<String, dev.sigstore.VerificationOptions> matching = san ->
        dev.sigstore.VerificationOptions.builder().addCertificateMatchers(
            dev.sigstore.VerificationOptions.CertificateMatcher.fulcio()
                .subjectAlternativeName(dev.sigstore.strings.StringMatcher.string(san))
                .issuer(dev.sigstore.strings.StringMatcher.string(issuer)).build()).build();
    dev.sigstore.KeylessVerifier verifier = dev.sigstore.KeylessVerifier.builder()
        .trustedRootProvider(dev.sigstore.TrustedRootProvider.from(root)).build();
    byte[] sha256 = java.security.MessageDigest.getInstance("SHA-256").digest(data);
    verifier.verify(sha256, bundle, matching.apply(EMAIL));
    assertThatThrownBy(() -> verifier.verify(sha256, bundle, matching.apply("other@signet.test")))
        .as("another identity").isInstanceOf(Exception.class);
    byte[] other = java.security.MessageDigest.getInstance("SHA-256").digest("tampered".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> verifier.verify(other, bundle, matching.apply(EMAIL)))
        .as("another artifact").isInstanceOf(Exception.class);
  }

  @Test
  void aTokenOfAnUnconfiguredIssuerGetsNothingAndLeavesTheCtLogAsItWas() throws Exception {
    Path artifact = Files.writeString(dir.resolve("a.txt"), "a");
    long before = server.services().certificateAuthority().ctLog().size();
    Processes.Result r = sign(dir.resolve("out"), token("rogue"), 1, artifact, artifact);
    assertThat(r.succeeded()).isFalse();
    assertThat(r.stderr()).containsIgnoringCase("issuer");
    assertThat(server.services().certificateAuthority().ctLog().size()).isEqualTo(before);
    assertThat(Files.exists(dir.resolve("out/message.sigstore.json"))).isFalse();
  }

  @Test
  void aRestartKeepsEveryKeySoThePublishedTrustStaysTheSame() throws Exception {
    byte[] root = get("/sigstore/trusted_root.json");
    String tufRoot = new String(get("/sigstore/tuf/1.root.json"), StandardCharsets.UTF_8);
    server.close();
    server = open();
    assertThat(get("/sigstore/trusted_root.json")).isNotEqualTo(new byte[0]);
    // The port differs after the restart, so compare everything but the URLs.
    assertThat(withoutUrls(get("/sigstore/trusted_root.json"))).isEqualTo(withoutUrls(root));
    assertThat(new String(get("/sigstore/tuf/1.root.json"), StandardCharsets.UTF_8)).isEqualTo(tufRoot);
    assertThat(HexFormat.of().formatHex(server.services().transparencyLog().v1Info().logId())).hasSize(64);
  }

  private static String withoutUrls(byte[] json) {
    return new String(json, StandardCharsets.UTF_8).replaceAll("http://127\\.0\\.0\\.1:\\d+", "URL");
  }
}
