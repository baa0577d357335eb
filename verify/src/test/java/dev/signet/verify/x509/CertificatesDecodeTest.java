package dev.signet.verify.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.testkit.Vectors;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** {@link Certificates#decode}: the JDK's parser when it accepts a certificate, BouncyCastle's otherwise. */
class CertificatesDecodeTest {
  private static byte[] leaf(String dir, String bundle) throws Exception {
    return new ObjectMapper().readTree(Vectors.bytes("sigstore-js/" + dir + "/" + bundle))
        .at("/verificationMaterial/x509CertificateChain/certificates/0/rawBytes").binaryValue();
  }

  @Test
  void aCertificateTheJdkAcceptsIsTheJdksAndEqualToBouncyCastles() throws Exception {
    byte[] der = leaf("mock-keyless-uri", "bundle-blob-rekor-v1-notsa.json");
    X509Certificate c = Certificates.decode(der, "uri leaf", Check.FORMAT);
    assertThat(c.getClass().getName()).startsWith("sun.security");
    X509Certificate bc = Certificates.fromDer(der, "uri leaf");
    assertThat(c).isEqualTo(bc);
    assertThat(c.getTBSCertificate()).isEqualTo(bc.getTBSCertificate());
    assertThat(c.getPublicKey().getEncoded()).isEqualTo(bc.getPublicKey().getEncoded());
  }

  @Test
  void aUriSanWithoutSchemeFallsBackToBouncyCastle() throws Exception {
    byte[] der = leaf("mock-keyless-email", "bundle-blob-rekor-v1-tsa.json");
    X509Certificate c = Certificates.decode(der, "email leaf", Check.FORMAT);
    assertThat(c.getClass().getName()).startsWith("org.bouncycastle");
    assertThat(c.getEncoded()).isEqualTo(der);
  }

  @Test
  void bytesNeitherParserAcceptsFailUnderTheGivenCheck() {
    assertThatThrownBy(() -> Certificates.decode(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, "junk", Check.FORMAT))
        .isInstanceOf(VerificationException.class).hasMessageContaining("junk is not a DER X.509 certificate")
        .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(Check.FORMAT));
    assertThatThrownBy(() -> Certificates.decode(new byte[0], "empty", Check.TRUST_ROOT))
        .isInstanceOf(VerificationException.class).hasMessageContaining("empty is missing");
  }
}
