package dev.signet.verify.tsa;

import dev.signet.crypto.VerifierCache;
import dev.signet.verify.x509.FastSignatures;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The CMS signature check of a timestamp token through Signet's ECDSA verifiers (the TSA's key recurs:
 * its verifier and precomputed table are kept in a {@link VerifierCache}); other algorithms go to the JCA.
 * BouncyCastle still checks the signed attributes (message digest, content type, signing certificate).
 */
final class FastContentVerifierProvider implements ContentVerifierProvider {
  private static final Map<String, String> ECDSA = Map.of(
      "1.2.840.10045.4.3.2", "SHA256withECDSA",
      "1.2.840.10045.4.3.3", "SHA384withECDSA",
      "1.2.840.10045.4.3.4", "SHA512withECDSA");

  private final X509Certificate signer;
  private final VerifierCache verifiers;

  FastContentVerifierProvider(X509Certificate signer, VerifierCache verifiers) {
    this.signer = signer;
    this.verifiers = verifiers;
  }

  @Override
  public boolean hasAssociatedCertificate() {
    return true;
  }

  @Override
  public X509CertificateHolder getAssociatedCertificate() {
    try {
      return new X509CertificateHolder(signer.getEncoded());
    } catch (CertificateEncodingException | java.io.IOException e) {
      throw new IllegalStateException("TSA certificate cannot be encoded", e);
    }
  }

  @Override
  public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
    String jca = ECDSA.get(algorithm.getAlgorithm().getId());
    if (jca == null) {
      return new JcaContentVerifierProviderBuilder().build(signer).get(algorithm);
    }
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    return new ContentVerifier() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
      }

      @Override
      public OutputStream getOutputStream() {
        return signed;
      }

      @Override
      public boolean verify(byte[] signature) {
        return FastSignatures.verifies(jca, signer.getPublicKey(), signed.toByteArray(), signature, verifiers);
      }
    };
  }
}
