package dev.signet.cli.keyless;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.payload.SimpleSigningPayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/**
 * {@code signet verify} in keyless and bring-your-own-CA modes, end to end through the CLI, written once
 * and run against each registry (distribution 2.8 without the referrers API, and the Signet registry).
 */
public final class KeylessScenarios {
  static final String IDENTITY = "https://signer.example.com/ci";
  static final String WARNING = "WARNING: Skipping tlog verification is an insecure practice that lacks transparency"
      + " and auditability verification for the signature.\n";
  static final String CHECKS = "The following checks were performed on each of these signatures:\n"
      + "  - The cosign claims were validated\n";
  static final String TLOG = "  - Existence of the claims in the transparency log was verified offline\n";
  static final String CERT = "  - The code-signing certificate was verified using trusted certificate authority"
      + " certificates\n";

  /** What a scenario needs of a registry fixture. */
  public interface Registry {
    CliRunner.Result run(String... args);

    CliRegistryFixture.Pushed push(String path, String tag);

    /** The CLI's working directory. */
    Path dir();

    default CliRunner.Result ok(String... args) {
      CliRunner.Result r = run(args);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      return r;
    }
  }

  private final Registry reg;

  public KeylessScenarios(Registry reg) {
    this.reg = reg;
  }

  /**
   * (1) A v3 DSSE bundle made by {@code @sigstore/sign} with a Fulcio certificate, an intoto log entry
   * and a TSA timestamp from {@code @sigstore/mock}, for the pushed image's digest, attached as a
   * referrer, verifies with the identity and the mock's trusted root; a wrong identity is exit 12 naming
   * the identity check; no trusted root anywhere is one line saying what to do.
   */
  public void sigstoreSignBundleVerifiesKeyless() throws Exception {
    CliRegistryFixture.Pushed img = reg.push("keyless/bundle", "v1");
    MockSigstore.Signed s = MockSigstore.sign(Files.createDirectories(reg.dir().resolve("mock-bundle")), img.digest(),
        img.repo(), IDENTITY, Optional.empty());
    reg.ok("attach", "signature", "--payload", s.imageBundle().toString(), img.ref());

    CliRunner.Result ok = reg.ok("verify", "--certificate-identity", IDENTITY, "--certificate-oidc-issuer",
        MockSigstore.ISSUER, "--trusted-root", s.trustedRoot().toString(), img.ref());
    assertThat(ok.err()).isEqualTo("\nVerification for " + img.ref() + " --\n" + CHECKS + TLOG + CERT);
    JsonNode out = json(ok.out()).get(0);
    assertThat(out.path("critical").path("image").path("docker-manifest-digest").asText())
        .isEqualTo(img.digest().toString());
    assertThat(out.path("critical").path("type").asText()).isEqualTo("https://sigstore.dev/cosign/sign/v1");
    assertThat(out.path("optional").path("Subject").asText()).isEqualTo(IDENTITY);

    CliRunner.Result regexp = reg.ok("verify", "--certificate-identity-regexp", "^https://signer\\.example\\.com/",
        "--certificate-oidc-issuer-regexp", "mock\\.local$", "--trusted-root", s.trustedRoot().toString(), img.ref());
    assertThat(regexp.out()).isEqualTo(ok.out());

    CliRunner.Result wrong = reg.run("verify", "--certificate-identity", "https://someone.else/ci",
        "--certificate-oidc-issuer", MockSigstore.ISSUER, "--trusted-root", s.trustedRoot().toString(), img.ref());
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(12);
    assertOneErrorLine(wrong);
    assertThat(errorLine(wrong)).startsWith("Error: no matching signatures: ")
        .contains("identity: subject " + IDENTITY + " is not https://someone.else/ci");

    CliRunner.Result keyMode = reg.run("verify", "--key", "cosign.pub", "--trusted-root", s.trustedRoot().toString(),
        img.ref());
    assertThat(keyMode.exitCode()).as(keyMode.toString()).isEqualTo(12);
    assertThat(errorLine(keyMode)).contains("carries a certificate (a keyless signature)");

    CliRunner.Result noIssuer = reg.run("verify", "--certificate-identity", IDENTITY, img.ref());
    assertThat(noIssuer.exitCode()).isEqualTo(1);
    assertThat(errorLine(noIssuer)).isEqualTo("Error: --certificate-oidc-issuer or --certificate-oidc-issuer-regexp"
        + " is required for verification in keyless mode");
    CliRunner.Result noIdentity = reg.run("verify", img.ref());
    assertThat(errorLine(noIdentity)).isEqualTo("Error: --certificate-identity or --certificate-identity-regexp is"
        + " required for verification in keyless mode");

    CliRunner.Result noRoot = reg.run("verify", "--certificate-identity", IDENTITY, "--certificate-oidc-issuer",
        MockSigstore.ISSUER, img.ref());
    assertThat(noRoot.exitCode()).as(noRoot.toString()).isEqualTo(1);
    assertOneErrorLine(noRoot);
    assertThat(errorLine(noRoot)).startsWith("Error: no trusted root to verify keyless signatures: run signet"
        + " initialize --mirror").contains("--trusted-root FILE");
  }

  /**
   * (2) A legacy {@code .sig} with cosign's keyless annotations (certificate, chain, Rekor SET bundle,
   * RFC 3161 timestamp) verifies, also with {@code --new-bundle-format=false}; the JSON carries the
   * Bundle, timestamp and certificate fields; another run's trusted root is exit 12.
   */
  public void legacyKeylessSignatureVerifies() throws Exception {
    CliRegistryFixture.Pushed img = reg.push("keyless/legacy", "v1");
    byte[] payload = SimpleSigningPayload.of(img.repo(), img.digest(), null).toJson();
    Path payloadFile = Files.write(reg.dir().resolve("legacy-payload.json"), payload);
    MockSigstore.Signed s = MockSigstore.sign(Files.createDirectories(reg.dir().resolve("mock-legacy")), img.digest(),
        img.repo(), IDENTITY, Optional.of(payloadFile));
    SignatureAnnotations a = LegacyKeylessSignature.annotations(s.payloadBundle().orElseThrow(), s.caPem());
    LegacyKeylessSignature.write(img.repo(), img.digest(), payload, a);

    for (String format : new String[] {"--new-bundle-format=true", "--new-bundle-format=false"}) {
      CliRunner.Result ok = reg.ok("verify", format, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer",
          MockSigstore.ISSUER, "--trusted-root", s.trustedRoot().toString(), img.ref());
      assertThat(ok.err()).isEqualTo("\nVerification for " + img.ref() + " --\n" + CHECKS + TLOG + CERT);
      JsonNode optional = json(ok.out()).get(0).path("optional");
      assertThat(optional.path("Subject").asText()).isEqualTo(IDENTITY);
      assertThat(optional.path("Bundle").path("Payload").path("logIndex").isNumber()).isTrue();
      assertThat(optional.path("Bundle").path("SignedEntryTimestamp").asText()).isNotEmpty();
      assertThat(optional.path("RFC3161Timestamp").path("SignedRFC3161Timestamp").asText()).isNotEmpty();
      assertThat(json(ok.out()).get(0).path("critical").path("identity").path("docker-reference").asText())
          .isEqualTo(img.repo());
    }

    Path otherRoot = MockSigstore.sign(Files.createDirectories(reg.dir().resolve("mock-other")), img.digest(),
        img.repo(), IDENTITY, Optional.empty()).trustedRoot();
    CliRunner.Result untrusted = reg.run("verify", "--certificate-identity", IDENTITY, "--certificate-oidc-issuer",
        MockSigstore.ISSUER, "--trusted-root", otherRoot.toString(), img.ref());
    assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(12);
    assertOneErrorLine(untrusted);
  }

  /**
   * (3) {@code sign --key K --certificate C --certificate-chain CH} in both formats verifies against the
   * CA given as {@code --ca-roots}/{@code --ca-intermediates} (or {@code --certificate-chain}) with the log
   * and SCT checks off; the header and JSON are golden; without {@code --insecure-ignore-sct} it is exit 12.
   */
  public void byoCaSignaturesVerify() throws Exception {
    TestCa ca = new TestCa("byo");
    PublicKey pub = PublicKeys.parse(Files.readAllBytes(reg.dir().resolve("cosign.pub")), "cosign.pub");
    Files.writeString(reg.dir().resolve("leaf.pem"), TestCa.pem(ca.leaf(pub, "signer@example.com")));
    Files.writeString(reg.dir().resolve("chain.pem"), TestCa.pem(ca.intermediate) + TestCa.pem(ca.root));
    Files.writeString(reg.dir().resolve("root.pem"), TestCa.pem(ca.root));
    Files.writeString(reg.dir().resolve("intermediate.pem"), TestCa.pem(ca.intermediate));
    Files.writeString(reg.dir().resolve("other-root.pem"), TestCa.pem(new TestCa("other").root));
    String[] identity = {"--certificate-identity", "signer@example.com", "--certificate-oidc-issuer", TestCa.ISSUER};

    for (boolean legacy : new boolean[] {false, true}) {
      CliRegistryFixture.Pushed img = reg.push(legacy ? "byo/legacy" : "byo/bundle", "v1");
      reg.ok("sign", "--key", "cosign.key", "--certificate", "leaf.pem", "--certificate-chain", "chain.pem",
          "--new-bundle-format=" + !legacy, img.byDigest());
      CliRunner.Result ok = reg.ok(concat(identity, "verify", "--ca-roots", "root.pem", "--ca-intermediates",
          "intermediate.pem", "--insecure-ignore-tlog", "--insecure-ignore-sct",
          "--certificate-github-workflow-trigger", TestCa.TRIGGER, img.byDigest()));
      assertThat(ok.err()).isEqualTo(WARNING + "\nVerification for " + img.byDigest() + " --\n" + CHECKS + CERT);
      String optional = "{\"1.3.6.1.4.1.57264.1.1\":\"" + TestCa.ISSUER + "\",\"1.3.6.1.4.1.57264.1.2\":\""
          + TestCa.TRIGGER + "\",\"Issuer\":\"" + TestCa.ISSUER + "\",\"Subject\":\"signer@example.com\","
          + "\"githubWorkflowTrigger\":\"" + TestCa.TRIGGER + "\"}";
      String reference = legacy ? img.repo() : img.byDigest();
      String type = legacy ? "cosign container image signature" : "https://sigstore.dev/cosign/sign/v1";
      assertThat(ok.out()).isEqualTo("\n[{\"critical\":{\"identity\":{\"docker-reference\":\"" + reference
          + "\"},\"image\":{\"docker-manifest-digest\":\"" + img.digest() + "\"},\"type\":\"" + type + "\"},"
          + "\"optional\":" + optional + "}]\n");

      CliRunner.Result text = reg.ok(concat(identity, "verify", "-o", "text", "--certificate-chain", "chain.pem",
          "--insecure-ignore-tlog", "--insecure-ignore-sct", img.byDigest()));
      assertThat(text.err()).endsWith("Certificate subject: signer@example.com\nCertificate issuer URL: "
          + TestCa.ISSUER + "\nGitHub Workflow Trigger: " + TestCa.TRIGGER + "\n");

      CliRunner.Result noSct = reg.run(concat(identity, "verify", "--ca-roots", "root.pem", "--ca-intermediates",
          "intermediate.pem", "--insecure-ignore-tlog", img.byDigest()));
      assertThat(noSct.exitCode()).as(noSct.toString()).isEqualTo(12);
      assertThat(errorLine(noSct)).contains("SCT");

      CliRunner.Result otherCa = reg.run(concat(identity, "verify", "--ca-roots", "other-root.pem",
          "--insecure-ignore-tlog", "--insecure-ignore-sct", img.byDigest()));
      assertThat(otherCa.exitCode()).as(otherCa.toString()).isEqualTo(12);
      assertThat(errorLine(otherCa)).contains("certificate chain");

      CliRunner.Result wrongTrigger = reg.run(concat(identity, "verify", "--ca-roots", "root.pem",
          "--ca-intermediates", "intermediate.pem", "--insecure-ignore-tlog", "--insecure-ignore-sct",
          "--certificate-github-workflow-trigger", "release", img.byDigest()));
      assertThat(wrongTrigger.exitCode()).isEqualTo(12);
      assertThat(errorLine(wrongTrigger)).contains("identity: GitHub workflow trigger push is not release");
    }
  }

  private static String[] concat(String[] tail, String... head) {
    String[] out = new String[head.length + tail.length];
    System.arraycopy(head, 0, out, 0, 1);
    System.arraycopy(tail, 0, out, 1, tail.length);
    System.arraycopy(head, 1, out, 1 + tail.length, head.length - 1);
    return out;
  }
}
