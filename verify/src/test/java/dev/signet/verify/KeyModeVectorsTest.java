package dev.signet.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.payload.DsseEnvelope;
import dev.signet.verify.internal.BasicIdentity;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.testkit.Vectors;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Key-mode expectations of the sigstore-js pubkey and cosign dsse-keyed MANIFESTs. */
class KeyModeVectorsTest {
  private static final String SLSA = "https://slsa.dev/provenance/v0.2";
  private static final String CUSTOM = "https://cosign.sigstore.dev/attestation/v1";
  private final SigstoreVerifier verifier = new SigstoreVerifier(TrustedRoot.empty());

  @ParameterizedTest
  @ValueSource(strings = {"bundle-pubkey-v03.sigstore.json", "bundle-pubkey-v03-minimal.sigstore.json",
      "bundle-pubkey-from-sigstore-sign.json"})
  void sigstoreJsPubkeyBundles(String file) throws Exception {
    Path dir = Vectors.dir("sigstore-js/pubkey");
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve(file)));
    PublicKey key = PublicKeys.parse(Vectors.read(dir.resolve("key.pub.pem")), "key.pub.pem");
    Artifact blob = Artifact.of(Vectors.read(dir.resolve("blob.txt")));
    Artifact digest = Artifact.ofDigest("sha256:463463151d6b46c52755940f406bb96fb9a4d8d371f6fe8d466ad959f9b2cfe0");
    VerificationPolicy zero = VerificationPolicy.forKey(key).withTlogThreshold(0);

    VerificationResult r = verifier.verify(bundle, blob, zero);
    assertThat(r.signer()).isEqualTo(new Signer.Key(key, "+2HHAEI4iXwwVm0944BoLP1MA0Vly82GPbcvoIbxAeU="));
    assertThat(r.times()).isEmpty();
    assertThat(r.logEntries()).isEmpty();
    verifier.verify(bundle, digest, zero);

    // default thresholds: one tlog entry; and a timestamp if asked for
    assertRejected(bundle, blob, VerificationPolicy.forKey(key), Check.THRESHOLD,
        "expected 1 verified tlog entries, got 0");
    assertRejected(bundle, blob, zero.withTimestampThreshold(1), Check.THRESHOLD,
        "expected 1 verified timestamps (log integrated times or RFC 3161), got 0");
    // another artifact, another key
    Artifact other = Artifact.of("hello sigstore interop?\n".getBytes());
    assertThatThrownBy(() -> verifier.verify(bundle, other, zero)).isInstanceOfSatisfying(VerificationException.class,
        e -> assertThat(e.check()).isIn(Check.SIGNATURE, Check.ARTIFACT));
    assertThatThrownBy(() -> verifier.verify(bundle, Artifact.ofDigest("sha256:" + "0".repeat(64)), zero))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isIn(Check.SIGNATURE,
            Check.ARTIFACT));
    PublicKey wrong = PublicKeys.parse(Vectors.read(Vectors.dir("cosign/keys/public").resolve("cosign-ci.pub")), "ci");
    assertRejected(bundle, blob, VerificationPolicy.forKey(wrong).withTlogThreshold(0), Check.SIGNATURE,
        "the message signature over the artifact of 23 bytes, sha256:463463151d6b46c52755940f406bb96fb9a4d8d371f6fe8d466"
            + "ad959f9b2cfe0 does not verify with the key " + PublicKeys.hint(wrong));
    // keyless policy on a key bundle
    assertRejected(bundle, blob, VerificationPolicy.forIdentity(BasicIdentity.exact("a", "b")),
        Check.CERTIFICATE_CHAIN, "carries no certificate, but the policy expects a certificate identity");
  }

  static Stream<Arguments> dsseKeyed() {
    return Stream.of(
        Arguments.of("blobSLSAProvenanceSignature", "blob", SLSA, true),
        Arguments.of("blobSLSAProvenanceSignature", "blob", CUSTOM, false),
        Arguments.of("blobSLSAProvenanceSignature", "another-blob", SLSA, false),
        Arguments.of("dssePredicateEmptySubject", "blob", SLSA, false),
        Arguments.of("dssePredicateEmptySubject", "another-blob", SLSA, false),
        Arguments.of("dssePredicateMissingSha256", "blob", SLSA, false),
        Arguments.of("dssePredicateMissingSha256", "another-blob", SLSA, false),
        Arguments.of("dssePredicateMultipleSubjects", "blob", SLSA, true),
        Arguments.of("dssePredicateMultipleSubjects", "blob", "notreallyslsaprovenance", false),
        Arguments.of("dssePredicateMultipleSubjects", "another-blob", SLSA, false),
        Arguments.of("dssePredicateMultipleSubjectsInvalid", "blob", SLSA, false),
        Arguments.of("dssePredicateMultipleSubjectsInvalid", "another-blob", SLSA, false),
        Arguments.of("badsig", "blob", SLSA, false),
        Arguments.of("badsig", "another-blob", SLSA, false));
  }

  @ParameterizedTest(name = "{0} vs {1} as {2}: {3}")
  @MethodSource("dsseKeyed")
  void cosignDsseKeyedTable(String name, String blob, String predicateType, boolean passes) throws Exception {
    Path dir = Vectors.dir("cosign/dsse-keyed");
    PublicKey key = PublicKeys.parse(Vectors.read(dir.resolve("cosign.pub")), "cosign.pub");
    VerificationPolicy policy = VerificationPolicy.forKey(key).ignoringTlog().expectingPredicateType(predicateType);
    byte[] blobBytes = Vectors.read(dir.resolve(blob));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve(name + ".pubkey-bundle.sigstore.json")));
    java.util.List<SigstoreBundle> forms = new java.util.ArrayList<>(java.util.List.of(bundle));
    if (!name.equals("badsig")) { // the bare envelope (legacy --signature file), wrapped as a key bundle
      forms.add(SigstoreBundle.ofDsse(VerificationMaterial.publicKey(""),
          DsseEnvelope.parse(Vectors.read(dir.resolve(name + ".dsse.json")))));
    }
    for (SigstoreBundle b : forms) {
      for (Artifact a : java.util.List.of(Artifact.of(blobBytes),
          Artifact.ofDigest(Artifact.of(blobBytes).digestString()))) {
        if (passes) {
          VerificationResult r = verifier.verify(b, a, policy);
          assertThat(r.payloadType()).contains("application/vnd.in-toto+json");
          assertThat(new String(r.payload())).contains(SLSA);
        } else {
          assertThatThrownBy(() -> verifier.verify(b, a, policy)).isInstanceOfSatisfying(VerificationException.class,
              e -> assertThat(e.check()).isEqualTo(name.equals("badsig") ? Check.SIGNATURE : Check.ARTIFACT));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"blob", "another-blob"})
  void withoutClaimsOnlyTheSignatureCountsAndAnotherKeyFails(String blob) throws Exception {
    Path dir = Vectors.dir("cosign/dsse-keyed");
    PublicKey key = PublicKeys.parse(Vectors.read(dir.resolve("cosign.pub")), "cosign.pub");
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve(
        "blobSLSAProvenanceSignature.pubkey-bundle.sigstore.json")));
    Artifact a = Artifact.of(Vectors.read(dir.resolve(blob)));
    verifier.verify(bundle, a, VerificationPolicy.forKey(key).ignoringTlog().withoutClaimCheck());
    PublicKey ci = PublicKeys.parse(Vectors.read(Vectors.dir("cosign/keys/public").resolve("cosign-ci.pub")), "ci");
    assertThatThrownBy(() -> verifier.verify(bundle, a, VerificationPolicy.forKey(ci).ignoringTlog()))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SIGNATURE))
        .hasMessageContaining("the DSSE signature over the PAE does not verify with the key");
    assertThatThrownBy(() -> verifier.verify(bundle, a, VerificationPolicy.forKey(key).ignoringTlog()
        .expectingPayloadType("text/plain"))).hasMessageContaining("DSSE payload type \"application/vnd.in-toto+json\""
            + " is not the expected \"text/plain\"");
  }

  private void assertRejected(SigstoreBundle b, Artifact a, VerificationPolicy p, Check check, String message) {
    assertThatThrownBy(() -> verifier.verify(b, a, p))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(check))
        .hasMessageContaining(message);
  }
}
