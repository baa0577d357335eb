package dev.signet.cli.blob;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.oci.Digest;
import dev.signet.testing.Processes;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sign-blob, attest-blob and bundle create, judged by others: the bundles by {@code @sigstore/verify}
 * (accept and reject cases), the legacy signature by {@code openssl dgst -sha256 -verify}.
 */
class BlobCommandsTest {
  @TempDir Path dir;

  private CliRunner cli;
  private Path blob;

  @BeforeEach
  void setUp() throws Exception {
    cli = CliRunner.in(dir).env("COSIGN_PASSWORD", CliRegistryFixture.PASSWORD);
    ok("generate-key-pair", "--output-key-prefix", "cosign");
    ok("generate-key-pair", "--output-key-prefix", "other");
    blob = Files.writeString(dir.resolve("release.tar"), "release contents\n");
    Files.writeString(dir.resolve("tampered.tar"), "release contents!\n");
  }

  private CliRunner.Result ok(String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as("signet %s%n%s", String.join(" ", args), r).isZero();
    return r;
  }

  private Path file(String name) {
    return dir.resolve(name);
  }

  @Test
  void signBlobBundlesAreAcceptedBySigstoreVerifyAndRejectedForOtherKeysOrFiles() throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    CliRunner.Result r = ok("sign-blob", "--key", "cosign.key", "--bundle", "blob.sigstore.json", "release.tar");
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("Wrote bundle to file blob.sigstore.json");
    JsonNode bundle = json(Files.readString(file("blob.sigstore.json")));
    assertThat(bundle.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(bundle.path("messageSignature").path("messageDigest").path("algorithm").asText()).isEqualTo("SHA2_256");
    assertThat(bundle.path("verificationMaterial").path("publicKey").path("hint").asText()).isNotEmpty();

    // bundle create reassembles a bundle from the legacy outputs (signature file + public key).
    ok("sign-blob", "--key", "cosign.key", "--new-bundle-format=false", "--output-signature", "blob.sig", "release.tar");
    ok("bundle", "create", "--artifact", "release.tar", "--signature", "blob.sig", "--key", "cosign.pub",
        "--out", "assembled.sigstore.json");

    Path pub = file("cosign.pub");
    List<OracleResult> v = oracle.verifyAll(List.of(
        OracleRequest.withKey(file("blob.sigstore.json"), pub, blob),
        OracleRequest.withKey(file("blob.sigstore.json"), pub, Digest.sha256(Files.readAllBytes(blob))),
        OracleRequest.withKey(file("assembled.sigstore.json"), pub, blob),
        OracleRequest.withKey(file("blob.sigstore.json"), file("other.pub"), blob),
        OracleRequest.withKey(file("blob.sigstore.json"), pub, file("tampered.tar"))));
    assertThat(v.get(0).ok()).as(v.get(0).toString()).isTrue();
    assertThat(v.get(1).ok()).as(v.get(1).toString()).isTrue();
    assertThat(v.get(2).ok()).as(v.get(2).toString()).isTrue();
    assertThat(v.get(3).ok()).as(v.get(3).toString()).isFalse();
    assertThat(v.get(4).ok()).as(v.get(4).toString()).isFalse();
    assertThat(v.get(4).code()).isEqualTo("MESSAGE_DIGEST_ERROR");
  }

  @Test
  void legacySignatureVerifiesWithOpenssl() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
    CliRunner.Result r = ok("sign-blob", "--key", "cosign.key", "--new-bundle-format=false", "--bundle", "legacy.json",
        "release.tar");
    String b64 = r.out().trim();
    assertThat(r.outLines()).hasSize(1);
    Files.write(file("sig.der"), Base64.getDecoder().decode(b64));
    Processes.Result good = Processes.run(Duration.ofSeconds(30), "openssl", "dgst", "-sha256", "-verify",
        file("cosign.pub").toString(), "-signature", file("sig.der").toString(), blob.toString());
    assertThat(good.exitCode()).as(good.describe()).isZero();
    assertThat(good.stdout()).contains("Verified OK");
    Processes.Result bad = Processes.run(Duration.ofSeconds(30), "openssl", "dgst", "-sha256", "-verify",
        file("cosign.pub").toString(), "-signature", file("sig.der").toString(), file("tampered.tar").toString());
    assertThat(bad.exitCode()).isNotZero();

    // cosign's LocalSignedPayload: the same signature, and the public key PEM, base64-encoded.
    JsonNode legacy = json(Files.readString(file("legacy.json")));
    assertThat(legacy.path("base64Signature").asText()).isEqualTo(b64);
    assertThat(new String(Base64.getDecoder().decode(legacy.path("cert").asText()), StandardCharsets.US_ASCII))
        .isEqualTo(Files.readString(file("cosign.pub")));
  }

  @Test
  void attestBlobBundleNamesTheFileAndIsAcceptedByTheOracle() throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    Files.writeString(file("provenance.json"), "{\"buildDefinition\":{\"buildType\":\"make\"},\"runDetails\":{}}");
    ok("attest-blob", "--key", "cosign.key", "--predicate", "provenance.json", "--type", "slsaprovenance1",
        "--bundle", "att.sigstore.json", "release.tar");
    JsonNode bundle = json(Files.readString(file("att.sigstore.json")));
    JsonNode envelope = bundle.path("dsseEnvelope");
    assertThat(envelope.path("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
    JsonNode statement = json(Base64.getDecoder().decode(envelope.path("payload").asText()));
    assertThat(statement.path("_type").asText()).isEqualTo("https://in-toto.io/Statement/v0.1");
    assertThat(statement.path("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(statement.path("subject").get(0).path("name").asText()).isEqualTo("release.tar");
    assertThat(statement.path("subject").get(0).path("digest").path("sha256").asText())
        .isEqualTo(Digest.sha256(Files.readAllBytes(blob)).hex());
    assertThat(statement.path("predicate").path("buildDefinition").path("buildType").asText()).isEqualTo("make");

    // Legacy: the envelope on stdout, as cosign prints it; bundle create turns it into a bundle.
    CliRunner.Result legacy = ok("attest-blob", "--key", "cosign.key", "--predicate", "provenance.json", "--type",
        "slsaprovenance1", "--new-bundle-format=false", "release.tar");
    JsonNode printed = json(legacy.out());
    assertThat(printed.fieldNames()).toIterable().containsExactly("payloadType", "payload", "signatures");
    Files.writeString(file("envelope.json"), legacy.out());
    ok("bundle", "create", "--artifact", "release.tar", "--attestation", "envelope.json", "--key", "cosign.pub",
        "--out", "att-assembled.sigstore.json");

    Path pub = file("cosign.pub");
    List<OracleResult> v = oracle.verifyAll(List.of(
        OracleRequest.withKey(file("att.sigstore.json"), pub, blob),
        OracleRequest.withKey(file("att-assembled.sigstore.json"), pub, blob),
        OracleRequest.withKey(file("att.sigstore.json"), pub, file("tampered.tar")),
        OracleRequest.withKey(file("att.sigstore.json"), file("other.pub"), blob)));
    assertThat(v.get(0).ok()).as(v.get(0).toString()).isTrue();
    assertThat(v.get(1).ok()).as(v.get(1).toString()).isTrue();
    assertThat(v.get(2).ok()).isFalse();
    assertThat(v.get(2).code()).isEqualTo("SUBJECT_MISMATCH");
    assertThat(v.get(3).ok()).as(v.get(3).toString()).isFalse();
  }

  @Test
  void badInputIsOneLineAndExitOne() throws Exception {
    Files.writeString(file("pred.json"), "{}");
    CliRunner.Result noPredicate = cli.run("attest-blob", "--key", "cosign.key", "--bundle", "x.json", "release.tar");
    assertThat(noPredicate.exitCode()).isEqualTo(1);
    assertOneErrorLine(noPredicate);
    assertThat(errorLine(noPredicate)).contains("--predicate");

    CliRunner.Result badType = cli.run("attest-blob", "--key", "cosign.key", "--predicate", "pred.json", "--type",
        "sbom", "--bundle", "x.json", "release.tar");
    assertThat(badType.exitCode()).isEqualTo(1);
    assertOneErrorLine(badType);
    assertThat(errorLine(badType)).contains("invalid predicate type: sbom");

    CliRunner.Result missingFile = cli.run("sign-blob", "--key", "cosign.key", "--bundle", "x.json", "missing.tar");
    assertThat(missingFile.exitCode()).isEqualTo(1);
    assertOneErrorLine(missingFile);
    assertThat(errorLine(missingFile)).isEqualTo("Error: cannot read file missing.tar: no such file");

    CliRunner.Result missingPredicate = cli.run("attest-blob", "--key", "cosign.key", "--predicate", "nope.json",
        "--bundle", "x.json", "release.tar");
    assertThat(missingPredicate.exitCode()).isEqualTo(1);
    assertThat(errorLine(missingPredicate)).isEqualTo("Error: cannot read predicate nope.json: no such file");

    CliRunner.Result notJson = cli.run("attest-blob", "--key", "cosign.key", "--predicate", "release.tar",
        "--type", "cyclonedx", "--bundle", "x.json", "release.tar");
    assertThat(notJson.exitCode()).isEqualTo(1);
    assertOneErrorLine(notJson);
    assertThat(errorLine(notJson)).contains("invalid JSON payload for predicate type https://cyclonedx.org/bom");

    CliRunner.Result noBundle = cli.run("sign-blob", "--key", "cosign.key", "release.tar");
    assertThat(noBundle.exitCode()).isEqualTo(1);
    assertThat(errorLine(noBundle)).contains("--bundle FILE is required");

    ok("sign-blob", "--key", "other.key", "--new-bundle-format=false", "--output-signature", "other.sig", "release.tar");
    CliRunner.Result mismatch = cli.run("bundle", "create", "--artifact", "release.tar", "--signature", "other.sig",
        "--key", "cosign.pub");
    assertThat(mismatch.exitCode()).isEqualTo(1);
    assertOneErrorLine(mismatch);
    assertThat(errorLine(mismatch)).contains("does not verify");
    assertThat(Files.exists(file("x.json"))).isFalse();
  }

  @Test
  void environmentBindsFlagsAsCosignDoes() throws Exception {
    CliRunner.Result r = cli.env("COSIGN_NEW_BUNDLE_FORMAT", "false").run("sign-blob", "--key", "cosign.key", "release.tar");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Base64.getDecoder().decode(r.out().trim())).isNotEmpty();
    CliRunner.Result b = cli.env("COSIGN_BUNDLE", "env.sigstore.json").run("sign-blob", "--key", "cosign.key", "release.tar");
    assertThat(b.exitCode()).as(b.toString()).isZero();
    assertThat(Files.exists(file("env.sigstore.json"))).isTrue();
  }
}
