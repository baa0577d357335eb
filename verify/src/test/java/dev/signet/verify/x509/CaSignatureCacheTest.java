package dev.signet.verify.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.VerifierCache;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.testkit.Vectors;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CA-signature cache on the public-good Fulcio intermediate and root, and the fast path for ECDSA
 * with a non-natural hash on the sigstore-js mock CA (P-256 key, SHA-384 signatures).
 */
class CaSignatureCacheTest {
  private final VerifierCache verifiers = new VerifierCache(8);

  private static CertificateAuthority fulcioWithIntermediate() throws Exception {
    TrustedRoot root = TrustedRootParser.parse(Vectors.bytes("cosign/bundles/trusted_root_pgi.json"));
    return root.certificateAuthorities().stream().filter(ca -> ca.chain().size() == 2).findFirst().orElseThrow();
  }

  @Test
  void aVerifiedIntermediateIsKeptByExactBytes() throws Exception {
    CertificateAuthority ca = fulcioWithIntermediate();
    X509Certificate intermediate = ca.chain().get(0);
    CaSignatureCache cache = new CaSignatureCache(4);
    assertThat(cache.signedBy(intermediate, ca.root(), verifiers)).isTrue();
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.signedBy(Certificates.fromDer(intermediate.getEncoded(), "copy"), ca.root(), verifiers)).isTrue();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aCertificateDifferingInItsSignatureMissesAndFails() throws Exception {
    CertificateAuthority ca = fulcioWithIntermediate();
    CaSignatureCache cache = new CaSignatureCache(4);
    assertThat(cache.signedBy(ca.chain().get(0), ca.root(), verifiers)).isTrue();
    byte[] der = ca.chain().get(0).getEncoded();
    der[der.length - 4] ^= 0x01; // inside the signature's s
    X509Certificate tampered = Certificates.fromDer(der, "tampered intermediate");
    assertThat(cache.signedBy(tampered, ca.root(), verifiers)).isFalse();
    assertThat(cache.signedBy(ca.root(), ca.chain().get(0), verifiers)).isFalse(); // wrong issuer
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void sha384SignaturesOfAP256CaVerifyAndATamperedOneDoesNot() throws Exception {
    TrustedRoot root = TrustedRootParser.parse(Vectors.bytes("sigstore-js/mock-keyless-uri/trusted_root.json"));
    byte[] leafDer = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Vectors.bytes("sigstore-js/mock-keyless-uri/bundle-blob-rekor-v1-notsa.json"))
        .at("/verificationMaterial/x509CertificateChain/certificates/0/rawBytes").binaryValue();
    X509Certificate leaf = Certificates.fromDer(leafDer, "mock leaf");
    X509Certificate caCert = root.certificateAuthorities().get(0).root();
    assertThat(leaf.getSigAlgName()).containsIgnoringCase("SHA384");
    assertThat(FastSignatures.certificateSignedBy(leaf, caCert, verifiers)).isTrue();
    assertThat(FastSignatures.certificateSignedBy(leaf, caCert, new VerifierCache(0))).isTrue();
    byte[] bad = leafDer.clone();
    bad[bad.length - 4] ^= 0x01;
    X509Certificate tampered = Certificates.fromDer(bad, "tampered leaf");
    assertThat(FastSignatures.certificateSignedBy(tampered, caCert, verifiers)).isFalse();
    Instant at = leaf.getNotBefore().toInstant().plusSeconds(1);
    assertThatThrownBy(() -> CertificateChainVerifier.verifyPath(tampered, List.of(),
        root.certificateAuthorities(), at, CertificatePurpose.CODE_SIGNING, verifiers, new CaSignatureCache(4)))
        .isInstanceOf(VerificationException.class).hasMessageContaining("signature does not verify");
  }
}
