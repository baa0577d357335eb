package dev.signet.crypto.internal;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import java.security.InvalidKeyException;
import java.security.interfaces.ECPublicKey;

/**
 * ECDSA verifier that accepts ASN.1 DER signatures and, failing that, IEEE P1363 ({@code r || s})
 * signatures of exactly twice the field size, like sigstore's {@code ECDSAVerifier}.
 */
public final class EcdsaVerifier extends AbstractVerifier {

  private final int fieldBytes;

  /** Creates a verifier; the caller has checked that the key's curve matches the algorithm. */
  public EcdsaVerifier(ECPublicKey key, SignatureAlgorithm algorithm) {
    super(key, algorithm);
    this.fieldBytes = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
  }

  @Override
  public void verify(byte[] data, byte[] signature) throws SignatureVerificationException {
    check(algorithm().jcaName(), data, signature);
  }

  @Override
  public void verifyDigest(byte[] digest, byte[] signature) throws SignatureVerificationException {
    checkDigestLength(digest);
    check("NONEwithECDSA", digest, signature);
  }

  private void check(String jcaName, byte[] data, byte[] signature)
      throws SignatureVerificationException {
    try {
      if (Jca.verify(jcaName, publicKey(), data, signature)) {
        return;
      }
      if (signature.length == 2 * fieldBytes
          && Jca.verify(jcaName, publicKey(), data, EcdsaEncoding.p1363ToDer(signature))) {
        return;
      }
    } catch (InvalidKeyException e) {
      throw unusableKey(e);
    }
    throw invalid();
  }
}
