package dev.signet.crypto.internal;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519phSigner;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 verifier, pure (JDK) or pre-hashed Ed25519ph with an empty context (BouncyCastle).
 */
public final class Ed25519Verifier extends AbstractVerifier {

  private static final byte[] NO_CONTEXT = new byte[0];

  private final Ed25519PublicKeyParameters params;

  /** Creates a verifier for {@link SignatureAlgorithm#ED25519} or {@link SignatureAlgorithm#ED25519PH}. */
  public Ed25519Verifier(PublicKey key, SignatureAlgorithm algorithm) {
    super(key, algorithm);
    if (algorithm != SignatureAlgorithm.ED25519 && algorithm != SignatureAlgorithm.ED25519PH) {
      throw new IllegalArgumentException("not an Ed25519 algorithm: " + algorithm);
    }
    this.params = Ed25519Keys.publicParams(key);
  }

  @Override
  public void verify(byte[] data, byte[] signature) throws SignatureVerificationException {
    boolean ok;
    if (algorithm() == SignatureAlgorithm.ED25519) {
      try {
        ok = Jca.verify("Ed25519", publicKey(), data, signature);
      } catch (InvalidKeyException e) {
        throw unusableKey(e);
      }
    } else {
      Ed25519phSigner s = new Ed25519phSigner(NO_CONTEXT);
      s.init(false, params);
      s.update(data, 0, data.length);
      ok = s.verifySignature(signature);
    }
    if (!ok) {
      throw invalid();
    }
  }

  @Override
  public void verifyDigest(byte[] digest, byte[] signature) throws SignatureVerificationException {
    if (algorithm() == SignatureAlgorithm.ED25519) {
      throw new UnsupportedOperationException(
          "pure Ed25519 signs the whole message; it cannot be verified from a digest");
    }
    checkDigestLength(digest);
    if (signature.length != Ed25519.SIGNATURE_SIZE
        || !Ed25519.verifyPrehash(signature, 0, params.getEncoded(), 0, NO_CONTEXT, digest, 0)) {
      throw invalid();
    }
  }
}
