package dev.signet.verify.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.testkit.Vectors;
import dev.signet.verify.x509.CertificateAuthorities;
import dev.signet.verify.x509.CertificateChainVerifier;
import dev.signet.verify.x509.CertificatePurpose;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampVectorsTest {

  @ParameterizedTest
  @CsvSource({
      "sigstore-js/mock-keyless-uri/bundle-blob-rekor-v1-tsa.json,",
      "sigstore-js/mock-keyless-uri/bundle-blob-rekor-v2-tsa.json, 2026-11-26T13:52:28.040Z",
      "sigstore-js/mock-keyless-email/bundle-blob-rekor-v1-tsa.json,",
      "sigstore-js/mock-keyless-email/bundle-blob-rekor-v2-tsa.json,",
      "sigstore-js/mock-keyless-email/bundle-blob-none-tsa.json,",
      "sigstore-js/mock-keyless-email/bundle-cli-attest.json,",
      "sigstore-js/mock-keyless-email/bundle-dsse-rekor-v1-tsa.json,",
  })
  void everyMockTimestampVerifiesInsideTheLeafWindow(String file, String expectedGenTime) throws Exception {
    Vectors.Bundle b = Vectors.bundle(file);
    TrustedRoot root = TrustedRootParser.parse(Files.readAllBytes(b.trustedRoot()));
    assertThat(b.timestamps()).hasSize(1);
    Instant t = TimestampVerifier.verify(b.timestamps().get(0), b.signature(), root.timestampAuthorities());
    assertThat(t).isBetween(b.leaf().getNotBefore().toInstant(), b.leaf().getNotAfter().toInstant());
    assertThat(Rfc3161Timestamp.parse(b.timestamps().get(0)).genTime()).isEqualTo(t);
    if (expectedGenTime != null) {
      assertThat(t).isEqualTo(Instant.parse(expectedGenTime));
    }
    byte[] other = Arrays.copyOf(b.signature(), b.signature().length);
    other[other.length - 1] ^= 1;
    assertThatThrownBy(() -> TimestampVerifier.verify(b.timestamps().get(0), other, root.timestampAuthorities()))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TIMESTAMP))
        .hasMessageContaining("message imprint SHA-256:")
        .hasMessageContaining("is not the hash of the signature");
  }

  @Test
  void twoDigitFractionIsParsed() throws Exception {
    Vectors.Bundle b = Vectors.bundle("sigstore-js/mock-keyless-uri/bundle-blob-rekor-v2-tsa.json");
    Rfc3161Timestamp ts = Rfc3161Timestamp.parse(b.timestamps().get(0));
    assertThat(ts.genTime()).isEqualTo(Instant.parse("2026-11-26T13:52:28.04Z"));
    assertThat(ts.imprintAlgorithmOid()).isEqualTo("2.16.840.1.101.3.4.2.1");
    assertThat(ts.policyOid()).isEqualTo("1.3.6.1.4.1.57264.2");
  }

  @ParameterizedTest
  @CsvSource({
      "20261126135228Z, 2026-11-26T13:52:28Z",
      "20261126135228.04Z, 2026-11-26T13:52:28.040Z",
      "20261126134116.156Z, 2026-11-26T13:41:16.156Z",
      "20261126134116.123456789Z, 2026-11-26T13:41:16.123456789Z",
  })
  void generalizedTimeFractions(String text, String expected) throws Exception {
    assertThat(Rfc3161Timestamp.genTime(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"20261126135228+0100", "202611261352Z", "20261326135228Z", "20261126135228.Z"})
  void badGeneralizedTimes(String text) {
    assertThatThrownBy(() -> Rfc3161Timestamp.genTime(text))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TIMESTAMP))
        .hasMessageContaining("genTime " + text);
  }

  /**
   * MANIFEST.md calls leaf.pem and root.pem independent self-signed certificates; in fact the leaf
   * (CA:FALSE, critical EKU timeStamping) is signed by root.pem's key under the same DN (OpenSSL's
   * "self-signed certificate" error comes from issuer == subject). So it chains as a TSA certificate,
   * and only as one.
   */
  @Test
  void cosignTsaLeafChainsToItsIssuerForTimeStampingOnly() throws Exception {
    X509Certificate leaf = Vectors.pem("cosign/tsa/leaf.pem");
    X509Certificate root = Vectors.pem("cosign/tsa/root.pem");
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    List<CertificateAuthority> tsa = CertificateAuthorities.of(List.of(root), List.of(), "cosign/tsa");
    assertThat(CertificateChainVerifier.verifyPath(leaf, List.of(), tsa, t, CertificatePurpose.TIME_STAMPING).path())
        .containsExactly(leaf, root);
    assertThatThrownBy(() -> CertificateChainVerifier.verify(leaf, List.of(), tsa, t))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.CERTIFICATE_CHAIN))
        .hasMessageContaining("lacks the codeSigning extended key usage");
    List<CertificateAuthority> self = CertificateAuthorities.of(List.of(leaf), List.of(), "self");
    assertThatThrownBy(() -> CertificateChainVerifier.verify(leaf, List.of(), self, t, CertificatePurpose.TIME_STAMPING))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TIMESTAMP))
        .hasMessageContaining("TSA certificate CN=https://blah.com")
        .hasMessageContaining("not signed by any CA in the trusted root");
    assertThatThrownBy(() -> CertificateChainVerifier.verify(leaf, List.of(), tsa, Instant.parse("2024-06-03T20:16:00Z"),
        CertificatePurpose.TIME_STAMPING))
        .hasMessageContaining("is not yet valid at 2024-06-03T20:16:00Z");
  }
}
