package dev.signet.crypto.internal;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import java.security.InvalidKeyException;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;

/** RSA PKCS#1 v1.5 verifier with SHA-256 (the only RSA scheme cosign uses by default). */
public final class RsaPkcs1Verifier extends AbstractVerifier {

  /** DER prefix of {@code DigestInfo} for SHA-256 (RFC 8017, section 9.2, note 1). */
  private static final byte[] SHA256_DIGEST_INFO_PREFIX =
      HexFormat.of().parseHex("3031300d060960864801650304020105000420");

  /** Creates a verifier; the caller has checked the key size. */
  public RsaPkcs1Verifier(RSAPublicKey key) {
    super(key, SignatureAlgorithm.RSA_PKCS1_SHA256);
  }

  @Override
  public void verify(byte[] data, byte[] signature) throws SignatureVerificationException {
    check(algorithm().jcaName(), data, signature);
  }

  @Override
  public void verifyDigest(byte[] digest, byte[] signature) throws SignatureVerificationException {
    checkDigestLength(digest);
    byte[] digestInfo = new byte[SHA256_DIGEST_INFO_PREFIX.length + digest.length];
    System.arraycopy(SHA256_DIGEST_INFO_PREFIX, 0, digestInfo, 0, SHA256_DIGEST_INFO_PREFIX.length);
    System.arraycopy(digest, 0, digestInfo, SHA256_DIGEST_INFO_PREFIX.length, digest.length);
    check("NONEwithRSA", digestInfo, signature);
  }

  private void check(String jcaName, byte[] data, byte[] signature)
      throws SignatureVerificationException {
    try {
      if (!Jca.verify(jcaName, publicKey(), data, signature)) {
        throw invalid();
      }
    } catch (InvalidKeyException e) {
      throw unusableKey(e);
    }
  }
}
