package dev.signet.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.testsupport.Vectors;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The dsse-keyed table of vectors/cosign/MANIFEST.md: envelope signature (JDK ECDSA, test only) plus
 * cosign's subject claim and predicate-type check, for the bare envelopes and the v0.3 key bundles.
 */
class DsseKeyedVectorsTest {

  private static final String DIR = "cosign/dsse-keyed/";
  private static final String SLSA_02 = "https://slsa.dev/provenance/v0.2";

  @ParameterizedTest(name = "{0} vs blob={1}, vs another-blob={2}")
  @CsvSource({
    "blobSLSAProvenanceSignature, true, false",
    "dssePredicateEmptySubject, false, false",
    "dssePredicateMissingSha256, false, false",
    "dssePredicateMultipleSubjects, true, false",
    "dssePredicateMultipleSubjectsInvalid, false, false"
  })
  void envelopeAndBundleMatchCosignResults(String name, boolean blob, boolean anotherBlob) throws Exception {
    PublicKey key = Vectors.ecPublicKey(DIR + "cosign.pub");
    DsseEnvelope bare = DsseEnvelope.parse(Vectors.read(DIR + name + ".dsse.json"));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(DIR + name + ".pubkey-bundle.sigstore.json"));
    assertThat(bundle.version()).isEqualTo("0.3");
    assertThat(bundle.verificationMaterial().kind()).isEqualTo(VerificationMaterial.Kind.PUBLIC_KEY);
    assertThat(bundle.verificationMaterial().publicKeyHint()).isEqualTo("hint");
    assertThat(bundle.verificationMaterial().tlogEntries()).isEmpty();
    assertThat(bundle.dsseEnvelope().pae()).isEqualTo(bare.pae());
    for (DsseEnvelope env : List.of(bare, bundle.dsseEnvelope())) {
      assertThat(env.signatures()).hasSize(1);
      assertThat(verifies(key, env)).as("signature over PAE").isTrue();
      assertThat(passes(env, "blob")).isEqualTo(blob);
      assertThat(passes(env, "another-blob")).isEqualTo(anotherBlob);
    }
  }

  @Test
  void predicateTypeSelectsSlsaOnly() throws Exception {
    DsseEnvelope env = DsseEnvelope.parse(Vectors.read(DIR + "dssePredicateMultipleSubjects.dsse.json"));
    String type = InTotoStatement.fromEnvelope(env).predicateType();
    assertThat(type).isEqualTo(SLSA_02);
    assertThat(type).isNotEqualTo("https://cosign.sigstore.dev/attestation/v1"); // --type custom fails
  }

  @Test
  void badSignatureBundleFailsOnlyTheSignature() throws Exception {
    SigstoreBundle bad = SigstoreBundle.parse(Vectors.read(DIR + "badsig.pubkey-bundle.sigstore.json"));
    assertThat(verifies(Vectors.ecPublicKey(DIR + "cosign.pub"), bad.dsseEnvelope())).isFalse();
    assertThat(passes(bad.dsseEnvelope(), "blob")).isTrue();
  }

  @Test
  void wrongKeyFails() throws Exception {
    DsseEnvelope env = DsseEnvelope.parse(Vectors.read(DIR + "blobSLSAProvenanceSignature.dsse.json"));
    assertThat(verifies(Vectors.ecPublicKey("cosign/keys/public/cosign-ci.pub"), env)).isFalse();
  }

  private static boolean passes(DsseEnvelope env, String blobFile) {
    Digest digest = Digest.sha256(Vectors.read(DIR + blobFile));
    return InTotoStatement.checkEnvelope(env, digest, null).passed();
  }

  private static boolean verifies(PublicKey key, DsseEnvelope env) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(key);
    s.update(env.pae());
    try {
      return s.verify(env.signatures().get(0).sig());
    } catch (java.security.SignatureException e) {
      return false; // not DER
    }
  }
}
