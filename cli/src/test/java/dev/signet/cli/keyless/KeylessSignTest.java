package dev.signet.cli.keyless;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.oci.Digest;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signet sign}, {@code sign-blob}, {@code attest} and {@code attest-blob} without a key, against
 * {@code @sigstore/mock}'s Fulcio, Rekor v1 and TSA ({@link MockServices}): the bundles carry the CA's
 * certificate, the log entry with SET and inclusion proof and an RFC 3161 timestamp, and verify both with
 * Signet's {@code verify*} (identity, issuer, the mock's trusted root) and with {@code @sigstore/verify}.
 */
@ExtendWith(DockerRegistryExtension.class)
class KeylessSignTest {
  static final String IDENTITY = "https://signer.example.com/release";
  static final String EMAIL = "signer@example.com";

  @TempDir static Path shared;
  static MockServices mock;

  @TempDir Path dir;
  private CliRegistryFixture fx;
  private String token;

  @BeforeAll
  static void startServices() throws Exception {
    mock = MockServices.start(shared.resolve("mock"));
  }

  @AfterAll
  static void stopServices() {
    if (mock != null) {
      mock.close();
    }
  }

  @BeforeEach
  void setUp(DockerRegistryPeer registry) throws Exception {
    fx = new CliRegistryFixture(registry, dir).keys("cosign");
    token = MockServices.token(IDENTITY, null, Instant.now().plus(Duration.ofMinutes(10)));
    Files.writeString(dir.resolve("release.tar"), "release contents\n");
    Files.writeString(dir.resolve("predicate.json"), "{\"builder\":\"ci\"}");
  }

  private CliRunner cli() {
    return fx.cli().withoutEnv("SIGSTORE_ID_TOKEN");
  }

  private CliRunner.Result ok(CliRunner cli, String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  /** {@code command} with the mock's CA, log and TSA named by URL, then {@code rest}. */
  private static String[] withServices(String command, String... rest) {
    List<String> a = new java.util.ArrayList<>(List.of(command, "--fulcio-url", mock.fulcio(), "--rekor-url",
        mock.rekor(), "--timestamp-server-url", mock.tsa()));
    a.addAll(List.of(rest));
    return a.toArray(String[]::new);
  }

  /** The bundle has the certificate for IDENTITY, one log entry of {@code kind} with SET and proof, one timestamp. */
  private static JsonNode assertWitnessed(Path bundle, String kind) throws Exception {
    JsonNode b = json(Files.readString(bundle));
    assertThat(b.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    JsonNode vm = b.path("verificationMaterial");
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(Base64.getDecoder().decode(vm.path("certificate").path("rawBytes").asText())));
    assertThat(cert.getSubjectAlternativeNames().iterator().next().get(1)).isEqualTo(IDENTITY);
    assertThat(vm.path("tlogEntries")).hasSize(1);
    JsonNode e = vm.path("tlogEntries").get(0);
    assertThat(e.path("kindVersion").path("kind").asText()).isEqualTo(kind);
    assertThat(e.path("inclusionPromise").path("signedEntryTimestamp").asText()).isNotEmpty();
    assertThat(e.path("inclusionProof").path("checkpoint").path("envelope").asText()).contains("\n\n— ");
    assertThat(vm.path("timestampVerificationData").path("rfc3161Timestamps")).hasSize(1);
    return b;
  }

  @Test
  void signBlobKeylessVerifiesWithSignetAndSigstoreJs() throws Exception {
    CliRunner.Result r = ok(cli(), withServices("sign-blob", "--identity-token", token, "--bundle",
        "blob.sigstore.json", "--output-certificate", "blob.pem", "release.tar"));
    assertThat(r.err()).contains("Successfully obtained a signing certificate for " + IDENTITY);
    assertThat(r.err()).doesNotContain(token);
    assertWitnessed(dir.resolve("blob.sigstore.json"), "hashedrekord");
    assertThat(Files.readString(dir.resolve("blob.pem"))).startsWith("-----BEGIN CERTIFICATE-----\n");

    ok(cli(), "verify-blob", "--bundle", "blob.sigstore.json", "--certificate-identity", IDENTITY,
        "--certificate-oidc-issuer", MockSigstore.ISSUER, "--trusted-root", mock.trustedRoot().toString(), "release.tar");
    Files.writeString(dir.resolve("other.tar"), "other contents\n");
    CliRunner.Result tampered = cli().run("verify-blob", "--bundle", "blob.sigstore.json", "--certificate-identity",
        IDENTITY, "--certificate-oidc-issuer", MockSigstore.ISSUER, "--trusted-root", mock.trustedRoot().toString(),
        "other.tar");
    assertThat(tampered.exitCode()).isNotZero();
    CliRunner.Result someoneElse = cli().run("verify-blob", "--bundle", "blob.sigstore.json", "--certificate-identity",
        "https://someone.else/", "--certificate-oidc-issuer", MockSigstore.ISSUER, "--trusted-root",
        mock.trustedRoot().toString(), "release.tar");
    assertThat(someoneElse.exitCode()).isNotZero();

    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    List<OracleResult> v = oracle.verifyAll(List.of(
        new OracleRequest(dir.resolve("blob.sigstore.json"), null, mock.trustedRoot(), IDENTITY, MockSigstore.ISSUER,
            dir.resolve("release.tar"), null, null),
        new OracleRequest(dir.resolve("blob.sigstore.json"), null, mock.trustedRoot(), "https://someone.else/",
            MockSigstore.ISSUER, dir.resolve("release.tar"), null, null)));
    assertThat(v.get(0).ok()).as(v.get(0).toString()).isTrue();
    assertThat(v.get(1).ok()).as(v.get(1).toString()).isFalse();
  }

  @Test
  void attestBlobWithSigningConfigAndTokenFromTheEnvironment() throws Exception {
    // The email claim is what the proof of possession signs; the mock CA certifies the subject.
    String withEmail = MockServices.token(IDENTITY, EMAIL, Instant.now().plus(Duration.ofMinutes(10)));
    ok(cli().env("SIGSTORE_ID_TOKEN", withEmail), "attest-blob", "--signing-config", mock.signingConfig().toString(),
        "--predicate", "predicate.json", "--type", "https://example.com/build/v1", "--bundle", "att.sigstore.json",
        "release.tar");
    assertWitnessed(dir.resolve("att.sigstore.json"), "intoto");

    ok(cli(), "verify-blob-attestation", "--bundle", "att.sigstore.json", "--type", "https://example.com/build/v1",
        "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", MockSigstore.ISSUER, "--trusted-root",
        mock.trustedRoot().toString(), "release.tar");

    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    OracleResult v = oracle.verify(OracleRequest.keyless(dir.resolve("att.sigstore.json"), mock.trustedRoot(), IDENTITY,
        MockSigstore.ISSUER, Digest.sha256(Files.readAllBytes(dir.resolve("release.tar")))));
    assertThat(v.ok()).as(v.toString()).isTrue();
  }

  @Test
  void signAndAttestImageKeylessWithATokenFile() throws Exception {
    CliRegistryFixture.Pushed img = fx.push("keyless/signed", "v1");
    Files.writeString(dir.resolve("token.jwt"), token + "\n");
    CliRunner.Result signed = ok(cli(), withServices("sign", "--identity-token", "token.jwt", "--bundle",
        "img.sigstore.json", img.byDigest()));
    assertThat(signed.err()).contains("Pushing signature to: ");
    assertWitnessed(dir.resolve("img.sigstore.json"), "intoto");

    CliRunner.Result verified = ok(cli(), "verify", "--certificate-identity", IDENTITY, "--certificate-oidc-issuer",
        MockSigstore.ISSUER, "--trusted-root", mock.trustedRoot().toString(), img.ref());
    assertThat(json(verified.out()).get(0).path("optional").path("Subject").asText()).isEqualTo(IDENTITY);
    CliRunner.Result wrong = cli().run("verify", "--certificate-identity", "https://someone.else/",
        "--certificate-oidc-issuer", MockSigstore.ISSUER, "--trusted-root", mock.trustedRoot().toString(), img.ref());
    assertThat(wrong.exitCode()).isEqualTo(12);

    ok(cli(), withServices("attest", "--identity-token", token, "--rekor-entry-type", "intoto", "--predicate",
        "predicate.json", "--type", "https://example.com/build/v1", "--bundle", "imgatt.sigstore.json", img.byDigest()));
    assertWitnessed(dir.resolve("imgatt.sigstore.json"), "intoto");
    ok(cli(), "verify-attestation", "--type", "https://example.com/build/v1", "--certificate-identity", IDENTITY,
        "--certificate-oidc-issuer", MockSigstore.ISSUER, "--trusted-root", mock.trustedRoot().toString(), img.ref());

    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    List<OracleResult> v = oracle.verifyAll(List.of(
        OracleRequest.keyless(dir.resolve("img.sigstore.json"), mock.trustedRoot(), IDENTITY, MockSigstore.ISSUER,
            img.digest()),
        OracleRequest.keyless(dir.resolve("imgatt.sigstore.json"), mock.trustedRoot(), IDENTITY, MockSigstore.ISSUER,
            img.digest())));
    assertThat(v.get(0).ok()).as(v.get(0).toString()).isTrue();
    assertThat(v.get(1).ok()).as(v.get(1).toString()).isTrue();
  }

  @Test
  void keyModeSignaturesAreLoggedWhenALogIsNamed() throws Exception {
    ok(cli(), "sign-blob", "--key", "cosign.key", "--rekor-url", mock.rekor(), "--bundle", "key.sigstore.json",
        "release.tar");
    JsonNode vm = json(Files.readString(dir.resolve("key.sigstore.json"))).path("verificationMaterial");
    assertThat(vm.path("publicKey").path("hint").asText()).isNotEmpty();
    assertThat(vm.path("tlogEntries")).hasSize(1);
    assertThat(vm.path("tlogEntries").get(0).path("kindVersion").path("kind").asText()).isEqualTo("hashedrekord");
    ok(cli(), "verify-blob", "--key", "cosign.pub", "--bundle", "key.sigstore.json", "--trusted-root",
        mock.trustedRoot().toString(), "release.tar");

    ok(cli(), "sign-blob", "--key", "cosign.key", "--rekor-url", mock.rekor(), "--tlog-upload=false", "--bundle",
        "unlogged.sigstore.json", "release.tar");
    assertThat(json(Files.readString(dir.resolve("unlogged.sigstore.json"))).path("verificationMaterial")
        .has("tlogEntries")).isFalse();
  }

  /** One error line, exit 1, and no bundle written. */
  private void refused(CliRunner cli, String expected, String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertOneErrorLine(r);
    assertThat(errorLine(r)).as(r.toString()).contains(expected);
    assertThat(dir.resolve("bad.sigstore.json")).doesNotExist();
  }

  @Test
  void badInputIsOneLineAndNothingIsWritten() throws Exception {
    refused(cli(), "keyless signing needs an OIDC identity token: pass --identity-token",
        withServices("sign-blob", "--bundle", "bad.sigstore.json", "release.tar"));
    refused(cli(), "--identity-token: the identity token is not a JWT",
        withServices("sign-blob", "--identity-token", "not-a-token", "--bundle", "bad.sigstore.json", "release.tar"));
    String expired = MockServices.token(IDENTITY, null, Instant.now().minus(Duration.ofMinutes(5)));
    refused(cli(), "refused the certificate for " + IDENTITY + " (HTTP 401): There was an error processing the"
        + " identity token: oidc: token is expired", withServices("sign-blob", "--identity-token", expired,
        "--bundle", "bad.sigstore.json", "release.tar"));
    int closed = CliRegistryFixture.closedPort();
    refused(cli(), "cannot reach http://127.0.0.1:" + closed + "/api/v2/signingCert", "sign-blob", "--fulcio-url",
        "http://127.0.0.1:" + closed, "--rekor-url", mock.rekor(), "--identity-token", token, "--bundle",
        "bad.sigstore.json", "release.tar");
    refused(cli(), "no --key given and no certificate authority for keyless signing", "sign-blob", "--bundle",
        "bad.sigstore.json", "release.tar");
    refused(cli(), "needs a transparency log or a timestamp authority", "sign-blob", "--fulcio-url", mock.fulcio(),
        "--identity-token", token, "--bundle", "bad.sigstore.json", "release.tar");
    refused(cli(), "need the v3 bundle format", withServices("sign-blob", "--identity-token", token,
        "--new-bundle-format=false", "release.tar"));
    refused(cli(), "--fulcio-url ftp://ca.example is not an http(s) URL", "attest-blob", "--fulcio-url",
        "ftp://ca.example", "--identity-token", token, "--predicate", "predicate.json", "--bundle",
        "bad.sigstore.json", "release.tar");
    Files.writeString(dir.resolve("bad-config.json"), "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.1+json\"}");
    refused(cli(), "signing config bad-config.json has media type", "sign-blob", "--signing-config", "bad-config.json",
        "--identity-token", token, "--bundle", "bad.sigstore.json", "release.tar");
  }

  @Test
  void aRekorV2UrlGetsAHashedRekordV002RequestAndItsEntryAsReturned() throws Exception {
    ok(cli(), "sign-blob", "--fulcio-url", mock.fulcio(), "--rekor-url", mock.rekor() + "/api/v2",
        "--timestamp-server-url", mock.tsa(), "--identity-token", token, "--bundle", "v2.sigstore.json", "release.tar");
    JsonNode b = json(Files.readString(dir.resolve("v2.sigstore.json")));
    JsonNode e = b.path("verificationMaterial").path("tlogEntries").get(0);
    assertThat(e.path("kindVersion").path("kind").asText()).isEqualTo("hashedrekord");
    assertThat(e.path("kindVersion").path("version").asText()).isEqualTo("0.0.2");
    assertThat(e.has("inclusionPromise")).isFalse();
    // The mock logs the request as it parsed it (protobuf-ts, bytes as Buffer arrays): this bundle's digest,
    // signature and certificate, with the P-256 key details (enum 5).
    JsonNode logged = json(Base64.getDecoder().decode(e.path("canonicalizedBody").asText()))
        .path("spec").path("hashedRekordRequestV002");
    Base64.Decoder b64 = Base64.getDecoder();
    assertThat(buffer(logged.path("digest")))
        .isEqualTo(b64.decode(b.path("messageSignature").path("messageDigest").path("digest").asText()));
    assertThat(buffer(logged.path("signature").path("content")))
        .isEqualTo(b64.decode(b.path("messageSignature").path("signature").asText()));
    JsonNode verifier = logged.path("signature").path("verifier");
    assertThat(verifier.path("keyDetails").asInt()).isEqualTo(5);
    assertThat(buffer(verifier.path("verifier").path("x509Certificate").path("rawBytes")))
        .isEqualTo(b64.decode(b.path("verificationMaterial").path("certificate").path("rawBytes").asText()));

    refused(cli(), "keyless signing with a v2 log needs a timestamp authority", "sign-blob", "--fulcio-url",
        mock.fulcio(), "--rekor-url", mock.rekor() + "/api/v2", "--identity-token", token, "--bundle",
        "bad.sigstore.json", "release.tar");
  }

  private static byte[] buffer(JsonNode node) {
    JsonNode data = node.path("data");
    byte[] out = new byte[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) data.get(i).asInt();
    }
    return out;
  }

  @Test
  void signWithJsSignsAgainstTheSameServicesAndSignetVerifiesIt() throws Exception {
    // sign-with.js is the independent client the lead runs against Signet's own services; here against the mock.
    Path out = dir.resolve("js");
    String spec = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of(
        "fulcio", mock.fulcio(), "rekor", mock.rekor(), "tsa", mock.tsa(), "token", token, "entryType", "intoto",
        "artifact", dir.resolve("release.tar").toString()));
    dev.signet.testing.Processes.run(List.of("node", MockSigstore.directory().resolve("sign-with.js").toString(),
        out.toString(), spec), Duration.ofSeconds(120)).requireSuccess();
    // @sigstore/sign writes message signatures as v0.2 bundles with an x509CertificateChain.
    JsonNode js = json(Files.readString(out.resolve("message.sigstore.json")));
    assertThat(js.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle+json;version=0.2");
    assertThat(js.path("verificationMaterial").path("tlogEntries")).hasSize(1);
    assertThat(js.path("verificationMaterial").path("timestampVerificationData").path("rfc3161Timestamps")).hasSize(1);
    ok(cli(), "verify-blob", "--bundle", out.resolve("message.sigstore.json").toString(), "--certificate-identity",
        IDENTITY, "--certificate-oidc-issuer", MockSigstore.ISSUER, "--trusted-root", mock.trustedRoot().toString(),
        "release.tar");
  }

  @Test
  void aTerminalUserIsAskedBeforeTheLogUploadAndNoStopsTheRun() throws Exception {
    refused(cli().interactive(true).stdin("n\n"), "signing cancelled: the transparency-log upload was not confirmed",
        withServices("sign-blob", "--identity-token", token, "--bundle", "bad.sigstore.json", "release.tar"));
    CliRunner.Result yes = ok(cli().interactive(true).stdin("y\n"), withServices("sign-blob", "--identity-token", token,
        "--bundle", "asked.sigstore.json", "release.tar"));
    assertThat(yes.err()).contains("will be stored in the transparency log at " + mock.rekor());
    CliRunner.Result skipped = ok(cli().interactive(true), withServices("sign-blob", "--yes", "--identity-token", token,
        "--bundle", "unasked.sigstore.json", "release.tar"));
    assertThat(skipped.err()).doesNotContain("Are you sure");
  }

  @Test
  void atATerminalWithoutATokenTheDeviceFlowGetsOne() throws Exception {
    // A minimal RFC 8628 issuer that authorizes at once and hands out an ID token for IDENTITY.
    com.sun.net.httpserver.HttpServer issuer = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + issuer.getAddress().getPort();
    java.util.function.BiConsumer<com.sun.net.httpserver.HttpExchange, String> reply = (ex, body) -> {
      try (ex) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    issuer.createContext("/.well-known/openid-configuration", ex -> reply.accept(ex, "{\"device_authorization_endpoint\":\""
        + base + "/device\",\"token_endpoint\":\"" + base + "/token\"}"));
    issuer.createContext("/device", ex -> reply.accept(ex, "{\"device_code\":\"d\",\"user_code\":\"U-1\","
        + "\"verification_uri\":\"" + base + "/activate\",\"expires_in\":60,\"interval\":1}"));
    issuer.createContext("/token", ex -> reply.accept(ex, "{\"id_token\":\"" + token + "\"}"));
    issuer.start();
    try {
      CliRunner.Result r = ok(cli().interactive(true), withServices("sign-blob", "--yes", "--oidc-issuer", base,
          "--bundle", "device.sigstore.json", "release.tar"));
      assertThat(r.err()).contains("To sign, open " + base + "/activate and enter the code U-1");
      assertWitnessed(dir.resolve("device.sigstore.json"), "hashedrekord");
      ok(cli(), "verify-blob", "--bundle", "device.sigstore.json", "--certificate-identity", IDENTITY,
          "--certificate-oidc-issuer", MockSigstore.ISSUER, "--trusted-root", mock.trustedRoot().toString(),
          "release.tar");
      // Without a terminal there is no flow to run: one line saying to pass a token.
      refused(cli(), "keyless signing needs an OIDC identity token", withServices("sign-blob", "--oidc-issuer", base,
          "--bundle", "bad.sigstore.json", "release.tar"));
    } finally {
      issuer.stop(0);
    }
  }
}
