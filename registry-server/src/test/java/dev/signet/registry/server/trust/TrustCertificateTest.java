package dev.signet.registry.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.testing.sigstore.FakeSigstore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Certificate authorities as trust material: the certificate must chain, and its key verify. */
class TrustCertificateTest extends TrustTestBase {
  private static final Pem.TestCa CORP = new Pem.TestCa("corp-ca");
  private static final Pem.TestCa OTHER = new Pem.TestCa("other-ca");

  private void caPolicy(int threshold) {
    trust().setPolicy(new TrustPolicy("prod", TrustMode.ENFORCE, List.of(TrustAnchor.certificateAuthority(Pem.of(
        CORP.certificate))), threshold, Map.of(), IndexRule.INHERIT, null));
  }

  @Test
  void aSignatureWhoseCertificateChainsToTheCaIsServed() {
    caPolicy(1);
    PrivateKeyHandle signer = KeyGenerator.generateEcdsaP256();
    Digest image = registry.pushImage("prod/app", "v1", "ca");
    Digest sig = sign.legacy("prod/app", image, signer, Map.of(),
        List.of(CORP.leaf(signer, Instant.now().plus(Duration.ofDays(1))), CORP.certificate), UnaryOperator.identity());

    assertServed("prod/app", "v1", image.toString());
    assertThat(trust().results("prod/app", sig)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
      assertThat(r.signer()).isEqualTo(PublicKeys.hint(signer.publicKey()));
      assertThat(r.anchor()).startsWith("ca:sha256:");
    });
  }

  /**
   * Regression: a bring-your-own CA has no timestamp authority, so the RFC 3161 timestamp a signature
   * carries cannot be verified; it is not needed either (the certificate is checked at the time the
   * registry stored the signature) and must not make the signature fail.
   */
  @Test
  void aSignatureCarryingAnRfc3161TimestampVerifiesUnderACaAnchor() {
    FakeSigstore sigstore = FakeSigstore.withTimestampAuthority(Instant.now().minusSeconds(5));
    trust().setPolicy(new TrustPolicy("prod", TrustMode.ENFORCE, List.of(TrustAnchor.certificateAuthority(Pem.of(
        sigstore.rootCertificate()))), 1, Map.of(), IndexRule.INHERIT, null));
    Digest image = registry.pushImage("prod/app", "v1", "ca-timestamped");
    Digest sig = sign.keylessLegacy("prod/app", image, sigstore, "ci@corp.test", "https://oidc.corp.test", Map.of());
    assertThat(registry.send("GET", "/v2/prod/app/manifests/" + SignatureTags.signatureTag(image), null,
        "Accept", MediaTypes.OCI_MANIFEST).body()).asString(StandardCharsets.UTF_8)
        .contains(SignatureAnnotations.RFC3161_TIMESTAMP);

    assertServed("prod/app", "v1");
    assertThat(trust().results("prod/app", sig)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.VERIFIED);
      assertThat(r.anchor()).startsWith("ca:sha256:");
    });
  }

  @Test
  void certificatesOfAnotherCaOrWithoutCertificatesAreUntrusted() {
    caPolicy(1);
    PrivateKeyHandle signer = KeyGenerator.generateEcdsaP256();
    Digest image = registry.pushImage("prod/app", "v1", "other-ca");
    Digest foreign = sign.legacy("prod/app", image, signer, Map.of(),
        List.of(OTHER.leaf(signer, Instant.now().plus(Duration.ofDays(1)))), UnaryOperator.identity());
    Digest bare = sign.bundle("prod/app", image, signer, Map.of());

    assertRefused("prod/app", "v1");
    assertThat(trust().results("prod/app", foreign)).extracting(VerificationResult::outcome)
        .containsExactly(Outcome.UNTRUSTED);
    assertThat(trust().results("prod/app", bare)).singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("no certificate"));
  }

  @Test
  void aCertifiedSignatureWhosePayloadWasSwappedIsInvalid() {
    caPolicy(1);
    PrivateKeyHandle signer = KeyGenerator.generateEcdsaP256();
    PrivateKeyHandle other = KeyGenerator.generateEcdsaP256();
    Digest image = registry.pushImage("prod/app", "v1", "swapped");
    // signed by `other`, but carrying signer's certificate
    Digest sig = sign.legacy("prod/app", image, other, Map.of(),
        List.of(CORP.leaf(signer, Instant.now().plus(Duration.ofDays(1)))), UnaryOperator.identity());

    assertRefused("prod/app", "v1");
    assertThat(trust().results("prod/app", sig)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
      // the engine's message, naming the failed check
      assertThat(r.reason()).startsWith("signature: ").contains("does not verify with the certificate's key");
    });
  }

  @Test
  void distinctCertifiedKeysCountTowardsTheThreshold() {
    caPolicy(2);
    PrivateKeyHandle one = KeyGenerator.generateEcdsaP256();
    PrivateKeyHandle two = KeyGenerator.generateEcdsaP256();
    Digest image = registry.pushImage("prod/app", "v1", "two-certs");
    Instant until = Instant.now().plus(Duration.ofDays(1));
    sign.legacy("prod/app", image, one, Map.of(), List.of(CORP.leaf(one, until)), UnaryOperator.identity());
    assertThat(assertRefused("prod/app", "v1")).contains("(found 1)");

    sign.legacy("prod/app", image, two, Map.of(), List.of(CORP.leaf(two, until)), UnaryOperator.identity());
    assertServed("prod/app", "v1");
  }
}
