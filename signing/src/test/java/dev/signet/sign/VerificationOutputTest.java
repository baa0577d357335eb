package dev.signet.sign;

import static dev.signet.sign.SigningFixtures.annotations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.Signers;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.sign.internal.LegacyCandidate;
import dev.signet.sign.internal.VerificationCandidate;
import dev.signet.verify.x509.IdentityPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden output: cosign's stderr header and stdout JSON/text, byte for byte. */
class VerificationOutputTest {
  private static final String DIGEST = "sha256:4aa3054270f7a70b4528f2064ee90961788e1e1518703592ae4463de3b889dec";
  /** cosign's obsolete_test.go payload (docker.io/namespace/image@DIGEST). */
  private static final String PAYLOAD = "{\"critical\":{\"identity\":{\"docker-reference\":"
      + "\"index.docker.io/namespace/image\"},\"image\":{\"docker-manifest-digest\":\"" + DIGEST + "\"},"
      + "\"type\":\"cosign container image signature\"},\"optional\":null}";
  private static final String CHECKS = "The following checks were performed on each of these signatures:\n";
  private static final String CLAIMS = "  - The cosign claims were validated\n";
  /** A Rekor entry body (base64 of a hashedrekord header); only copied to the output here. */
  private static final String BODY = Base64.getEncoder().encodeToString(
      "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{}}".getBytes(StandardCharsets.UTF_8));
  private static final String KEY = "  - The signatures were verified against the specified public key\n";

  private final PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
  private final VerificationPolicy policy = VerificationPolicy.forKey(key.publicKey()).withIgnoreTlog(true);

  @Test
  void legacyHeaderAndJsonAreCosignsExactBytes() throws Exception {
    ImageReference ref = SigningFixtures.parse("docker.io/namespace/image@" + DIGEST);
    VerifiedSignature sig = VerifiedSignature.ofLegacyPayload(PAYLOAD.getBytes(StandardCharsets.UTF_8));

    assertThat(VerificationOutput.header(ref, policy, false)).isEqualTo(
        "\nVerification for index.docker.io/namespace/image@" + DIGEST + " --\n" + CHECKS + CLAIMS + KEY);
    assertThat(VerificationOutput.json(List.of(sig))).isEqualTo("\n[" + PAYLOAD + "]\n");
    assertThat(VerificationOutput.text(List.of(sig))).isEqualTo(PAYLOAD + "\n");
  }

  /** cosign's lines, except that a check that did not run is never claimed (no online-log lines at all). */
  @Test
  void headerLinesFollowCosignsRules() {
    ImageReference ref = SigningFixtures.parse("alpine:3");
    String top = "\nVerification for index.docker.io/library/alpine:3 --\n" + CHECKS;
    String offline = "  - Existence of the claims in the transparency log was verified offline\n";
    String online = "  - The claims were present in the transparency log\n"
        + "  - The signatures were integrated into the transparency log when the certificate was valid\n";
    String annotated = "  - The specified annotations were verified.\n";

    assertThat(VerificationOutput.header(ref, policy, true)).isEqualTo(top + CLAIMS + offline + KEY);
    assertThat(VerificationOutput.header(ref, policy.withIgnoreTlog(false), false)).isEqualTo(top + CLAIMS + KEY)
        .doesNotContain(online);
    assertThat(VerificationOutput.header(ref, policy.withAnnotations(annotations("a", "b")), false))
        .isEqualTo(top + annotated + CLAIMS + KEY);
    assertThat(VerificationOutput.header(ref, policy.withAnnotations(annotations("a", "b")).withCheckClaims(false), true))
        .isEqualTo(top + offline + KEY);

    VerificationPolicy keyless = VerificationPolicy.forIdentity(IdentityPolicy.of(
        IdentityPolicy.Identity.exact("https://signer.example.com/ci", "https://oidc.mock.local")));
    String cert = "  - The code-signing certificate was verified using trusted certificate authority certificates\n";
    assertThat(VerificationOutput.header(ref, keyless, true)).isEqualTo(top + CLAIMS + offline + cert);
    assertThat(VerificationOutput.header(ref, keyless.withIgnoreTlog(true), false)).isEqualTo(top + CLAIMS + cert);
    assertThat(VerificationOutput.tlogSkippedWarning()).isEqualTo("WARNING: Skipping tlog verification is an insecure"
        + " practice that lacks transparency and auditability verification for the signature.\n");
  }

  @Test
  void payloadIsReencodedAsGoDoesCaseInsensitiveUnknownFieldsDroppedKeysSorted() throws Exception {
    String odd = "{\"Critical\":{\"Identity\":{\"Docker-Reference\":\"r.example/x\"},\"Image\":{\"Docker-manifest-digest\":\""
        + DIGEST + "\"},\"Type\":\"cosign container image signature\",\"extra\":1},"
        + "\"Optional\":{\"z\":\"1\",\"a\":\"<b>&\",\"n\":{\"y\":true,\"x\":[1,\"s\"]}},\"unknown\":true}";
    VerifiedSignature sig = VerifiedSignature.ofLegacyPayload(odd.getBytes(StandardCharsets.UTF_8));

    assertThat(VerificationOutput.json(List.of(sig, sig))).isEqualTo("\n["
        + "{\"critical\":{\"identity\":{\"docker-reference\":\"r.example/x\"},\"image\":{\"docker-manifest-digest\":\""
        + DIGEST + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":{\"a\":\"\\u003cb\\u003e\\u0026\",\"n\":{\"x\":[1,\"s\"],\"y\":true},\"z\":\"1\"}},"
        + "{\"critical\":{\"identity\":{\"docker-reference\":\"r.example/x\"},\"image\":{\"docker-manifest-digest\":\""
        + DIGEST + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":{\"a\":\"\\u003cb\\u003e\\u0026\",\"n\":{\"x\":[1,\"s\"],\"y\":true},\"z\":\"1\"}}]\n");
    assertThat(VerificationOutput.text(List.of(sig))).isEqualTo(odd + "\n"); // -o text: raw payload
  }

  @Test
  void bundleViewIsCosignsTransformOutput() {
    String ref = "127.0.0.1:5000/app:v1";
    String expected = "{\"critical\":{\"identity\":{\"docker-reference\":\"" + ref + "\"},\"image\":"
        + "{\"docker-manifest-digest\":\"" + DIGEST + "\"},\"type\":\"https://sigstore.dev/cosign/sign/v1\"},"
        + "\"optional\":{}}";
    VerifiedSignature plain = VerifiedSignature.ofBundle(ref, DIGEST, "https://sigstore.dev/cosign/sign/v1", null);
    assertThat(VerificationOutput.json(List.of(plain))).isEqualTo("\n[" + expected + "]\n");
    assertThat(VerificationOutput.text(List.of(plain))).isEqualTo(expected + "\n");

    VerifiedSignature annotated = VerifiedSignature.ofBundle(ref, DIGEST, "https://sigstore.dev/cosign/sign/v1",
        Map.of("env", "prod"));
    assertThat(VerificationOutput.json(List.of(annotated))).endsWith("\"optional\":{\"env\":\"prod\"}}]\n");
    assertThat(VerificationOutput.json(List.of())).isEqualTo("\nnull\n");
  }

  @Test
  void legacyOptionalGainsRekorBundleAndTimestampInGoFieldOrder() throws Exception {
    byte[] payload = PAYLOAD.getBytes(StandardCharsets.UTF_8);
    String b64 = Base64.getEncoder().encodeToString(Signers.from(key).sign(payload));
    SignatureAnnotations a = SignatureAnnotations.ofSignature(b64)
        .withRekorBundle("{\"Payload\":{\"logID\":\"abcd\",\"logIndex\":42,\"integratedTime\":1700000000,"
            + "\"body\":\"" + BODY + "\"},\"SignedEntryTimestamp\":\"MEUC\"}")
        .withRfc3161Timestamp("{\"SignedRFC3161Timestamp\":\"dHNy\"}");
    LegacyCandidate candidate = new LegacyCandidate(LegacySignatureImage.simpleSigningLayer(payload, a), payload, "x");
    VerificationCandidate.Target target = new VerificationCandidate.Target(
        SigningFixtures.parse("docker.io/namespace/image@" + DIGEST), Digest.parse(DIGEST), policy);

    VerificationCandidate.Verdict verdict = candidate.check(target);
    assertThat(VerificationOutput.json(List.of(verdict.signature()))).isEqualTo("\n[" + PAYLOAD.replace(
        "\"optional\":null", "\"optional\":{\"Bundle\":{\"SignedEntryTimestamp\":\"MEUC\",\"Payload\":{\"body\":"
            + "\"" + BODY + "\",\"integratedTime\":1700000000,\"logIndex\":42,\"logID\":\"abcd\"}},"
            + "\"RFC3161Timestamp\":{\"SignedRFC3161Timestamp\":\"dHNy\"}}") + "]\n");
    assertThat(VerificationOutput.text(List.of(verdict.signature()))).isEqualTo(PAYLOAD + "\n");

    assertThat(candidate.check(new VerificationCandidate.Target(target.reference(), target.digest(),
        policy.withIgnoreTlog(false))).reason())
        .startsWith("tlog entry: ").contains("no transparency-log entry could be verified");
  }
}
