package dev.signet.cli.blob;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.oci.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-blob and verify-blob-attestation through the verification engine: Signet's own sign-blob and
 * attest-blob outputs (v3 and legacy), cosign's dsse-keyed vectors against cosign's expected results, and
 * sigstore-js public-key and keyless (mock Fulcio/Rekor/TSA) bundles.
 */
class VerifyBlobTest {
  @TempDir Path dir;

  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = CliRunner.in(dir).env("COSIGN_PASSWORD", CliRegistryFixture.PASSWORD);
    ok("generate-key-pair", "--output-key-prefix", "cosign");
    ok("generate-key-pair", "--output-key-prefix", "other");
    Files.writeString(dir.resolve("release.tar"), "release contents\n");
    Files.writeString(dir.resolve("tampered.tar"), "release contents!\n");
  }

  private CliRunner.Result ok(String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as("signet %s%n%s", String.join(" ", args), r).isZero();
    return r;
  }

  private String rejected(String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as("signet %s%n%s", String.join(" ", args), r).isEqualTo(1);
    assertOneErrorLine(r);
    return errorLine(r);
  }

  private static Path vectors(String sub) {
    Path d = Path.of(System.getProperty("signet.vectors", "../shared/vectors")).resolve(sub);
    Assumptions.assumeTrue(Files.isDirectory(d), "vectors not found at " + d.toAbsolutePath() + " — skipping");
    return d;
  }

  @Test
  void signBlobOutputsVerify() throws Exception {
    ok("sign-blob", "--key", "cosign.key", "--bundle", "v3.json", "release.tar");
    ok("sign-blob", "--key", "cosign.key", "--new-bundle-format=false", "--bundle", "legacy.json",
        "--output-signature", "blob.sig", "release.tar");
    String digest = Digest.sha256(Files.readAllBytes(dir.resolve("release.tar"))).toString();

    assertThat(ok("verify-blob", "--key", "cosign.pub", "--bundle", "v3.json", "--insecure-ignore-tlog", "release.tar")
        .err()).isEqualTo("Verified OK\n");
    ok("verify-blob", "--key", "cosign.pub", "--bundle", "v3.json", "--insecure-ignore-tlog", digest);
    ok("verify-blob", "--key", "cosign.pub", "--bundle", "legacy.json", "--insecure-ignore-tlog", "release.tar");
    ok("verify-blob", "--key", "cosign.pub", "--signature", "blob.sig", "--insecure-ignore-tlog", "release.tar");
    ok("verify-blob", "--key", "cosign.pub", "--signature", Files.readString(dir.resolve("blob.sig")),
        "--insecure-ignore-tlog", "release.tar");

    assertThat(rejected("verify-blob", "--key", "other.pub", "--bundle", "v3.json", "--insecure-ignore-tlog", "release.tar"))
        .contains("signature");
    rejected("verify-blob", "--key", "cosign.pub", "--bundle", "v3.json", "--insecure-ignore-tlog", "tampered.tar");
    rejected("verify-blob", "--key", "cosign.pub", "--signature", "blob.sig", "--insecure-ignore-tlog", "tampered.tar");
    rejected("verify-blob", "--key", "other.pub", "--bundle", "legacy.json", "--insecure-ignore-tlog", "release.tar");
    // A key-only bundle has no transparency-log entry: as in cosign, that needs --insecure-ignore-tlog.
    assertThat(rejected("verify-blob", "--key", "cosign.pub", "--bundle", "v3.json", "release.tar")).contains("tlog");
  }

  @Test
  void attestBlobOutputsVerifyWithTypeAndSubjectChecked() throws Exception {
    Files.writeString(dir.resolve("provenance.json"), "{\"buildDefinition\":{},\"runDetails\":{}}");
    ok("attest-blob", "--key", "cosign.key", "--predicate", "provenance.json", "--type", "slsaprovenance1",
        "--bundle", "att.json", "release.tar");
    CliRunner.Result legacy = ok("attest-blob", "--key", "cosign.key", "--predicate", "provenance.json", "--type",
        "slsaprovenance1", "--new-bundle-format=false", "release.tar");
    Files.writeString(dir.resolve("envelope.json"), legacy.out());

    ok("verify-blob-attestation", "--key", "cosign.pub", "--bundle", "att.json", "--type", "slsaprovenance1",
        "--insecure-ignore-tlog", "release.tar");
    ok("verify-blob-attestation", "--key", "cosign.pub", "--signature", "envelope.json", "--type",
        "https://slsa.dev/provenance/v1", "--insecure-ignore-tlog", "release.tar");
    ok("verify-blob-attestation", "--key", "cosign.pub", "--bundle", "att.json", "--type", "slsaprovenance1",
        "--insecure-ignore-tlog", "--digest", Digest.sha256(Files.readAllBytes(dir.resolve("release.tar"))).hex());

    assertThat(rejected("verify-blob-attestation", "--key", "cosign.pub", "--bundle", "att.json",
        "--insecure-ignore-tlog", "release.tar")).contains("predicate type");
    rejected("verify-blob-attestation", "--key", "cosign.pub", "--bundle", "att.json", "--type", "slsaprovenance1",
        "--insecure-ignore-tlog", "tampered.tar");
    rejected("verify-blob-attestation", "--key", "other.pub", "--bundle", "att.json", "--type", "slsaprovenance1",
        "--insecure-ignore-tlog", "release.tar");
    // A message-signature bundle is not an attestation.
    ok("sign-blob", "--key", "cosign.key", "--bundle", "blob.json", "release.tar");
    rejected("verify-blob-attestation", "--key", "cosign.pub", "--bundle", "blob.json", "--insecure-ignore-tlog",
        "release.tar");
  }

  /** cosign's verify_blob_attestation_test.go table, as recorded in shared/vectors/cosign/MANIFEST.md. */
  @Test
  void cosignDsseKeyedVectorsGiveCosignsResults() throws Exception {
    Path v = vectors("cosign/dsse-keyed");
    String pub = v.resolve("cosign.pub").toString();
    String blob = v.resolve("blob").toString();
    String another = v.resolve("another-blob").toString();
    String root = v.resolve("empty_trusted_root.json").toString();
    List<String> failures = new ArrayList<>();
    for (String name : List.of("blobSLSAProvenanceSignature", "dssePredicateMultipleSubjects")) {
      for (String file : List.of(name + ".dsse.json", name + ".pubkey-bundle.sigstore.json")) {
        String flag = file.endsWith(".dsse.json") ? "--signature" : "--bundle";
        String path = v.resolve(file).toString();
        expect(failures, 0, "--key", pub, flag, path, "--type", "slsaprovenance", "--insecure-ignore-tlog",
            "--trusted-root", root, blob);
        expect(failures, 1, "--key", pub, flag, path, "--type", "slsaprovenance", "--insecure-ignore-tlog", another);
        expect(failures, 1, "--key", pub, flag, path, "--type", "custom", "--insecure-ignore-tlog", blob);
        expect(failures, 0, "--key", pub, flag, path, "--type", "slsaprovenance", "--insecure-ignore-tlog",
            "--digest", "658781cd4ed9bca60dacd09f7bb914bb51502e8b5d619f57f39a1d652596cc24", "--digestAlg", "sha256");
        expect(failures, 0, "--key", pub, flag, path, "--type", "slsaprovenance", "--insecure-ignore-tlog",
            "--check-claims=false", another);
      }
    }
    for (String name : List.of("dssePredicateEmptySubject", "dssePredicateMissingSha256",
        "dssePredicateMultipleSubjectsInvalid")) {
      expect(failures, 1, "--key", pub, "--signature", v.resolve(name + ".dsse.json").toString(), "--type",
          "slsaprovenance", "--insecure-ignore-tlog", blob);
      expect(failures, 1, "--key", pub, "--bundle", v.resolve(name + ".pubkey-bundle.sigstore.json").toString(),
          "--type", "slsaprovenance", "--insecure-ignore-tlog", blob);
    }
    expect(failures, 1, "--key", pub, "--bundle", v.resolve("badsig.pubkey-bundle.sigstore.json").toString(),
        "--type", "slsaprovenance", "--insecure-ignore-tlog", blob);
    expect(failures, 1, "--key", vectors("cosign/keys/public").resolve("cosign-ci.pub").toString(), "--signature",
        v.resolve("blobSLSAProvenanceSignature.dsse.json").toString(), "--type", "slsaprovenance",
        "--insecure-ignore-tlog", blob);
    assertThat(failures).isEmpty();
  }

  private void expect(List<String> failures, int exit, String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "verify-blob-attestation";
    System.arraycopy(args, 0, full, 1, args.length);
    CliRunner.Result r = cli.run(full);
    if (r.exitCode() != exit) {
      failures.add("expected exit " + exit + " for " + String.join(" ", args) + "\n" + r);
    }
  }

  @Test
  void sigstoreJsPublicKeyBundlesVerify() throws Exception {
    Path v = vectors("sigstore-js/pubkey");
    String key = v.resolve("key.pub.pem").toString();
    for (String bundle : List.of("bundle-pubkey-v03.sigstore.json", "bundle-pubkey-v03-minimal.sigstore.json",
        "bundle-pubkey-from-sigstore-sign.json")) {
      ok("verify-blob", "--key", key, "--bundle", v.resolve(bundle).toString(), "--insecure-ignore-tlog",
          v.resolve("blob.txt").toString());
      rejected("verify-blob", "--key", "cosign.pub", "--bundle", v.resolve(bundle).toString(), "--insecure-ignore-tlog",
          v.resolve("blob.txt").toString());
      rejected("verify-blob", "--key", key, "--bundle", v.resolve(bundle).toString(), "--insecure-ignore-tlog",
          "release.tar");
    }
  }

  @Test
  void sigstoreJsKeylessBundlesVerifyWithIdentityAndTrustedRoot() throws Exception {
    Path v = vectors("sigstore-js/mock-keyless-email");
    String root = v.resolve("trusted_root.json").toString();
    String artifact = v.resolve("artifact.txt").toString();
    for (String bundle : List.of("bundle-blob-rekor-v1-tsa.json", "bundle-blob-rekor-v1-notsa.json")) {
      String b = v.resolve(bundle).toString();
      ok("verify-blob", "--bundle", b, "--trusted-root", root, "--certificate-identity", "signer@example.com",
          "--certificate-oidc-issuer", "https://oidc.mock.local", artifact);
      ok("verify-blob", "--bundle", b, "--trusted-root", root, "--certificate-identity-regexp", "@example\\.com$",
          "--certificate-oidc-issuer-regexp", "oidc\\.mock", artifact);
      assertThat(rejected("verify-blob", "--bundle", b, "--trusted-root", root, "--certificate-identity",
          "someone@example.com", "--certificate-oidc-issuer", "https://oidc.mock.local", artifact)).contains("identity");
      rejected("verify-blob", "--bundle", b, "--trusted-root", root, "--certificate-identity", "signer@example.com",
          "--certificate-oidc-issuer", "https://oidc.mock.local", "release.tar");
      // Another run's trusted root does not hold this CA or log.
      rejected("verify-blob", "--bundle", b, "--trusted-root",
          vectors("sigstore-js/mock-keyless-uri").resolve("trusted_root.json").toString(),
          "--certificate-identity", "signer@example.com", "--certificate-oidc-issuer", "https://oidc.mock.local", artifact);
    }
  }
}
