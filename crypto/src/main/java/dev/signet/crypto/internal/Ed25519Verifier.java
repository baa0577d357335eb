package dev.signet.crypto.internal;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import java.security.PublicKey;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint;

/**
 * Ed25519 verifier, pure or pre-hashed Ed25519ph with an empty context, both on BouncyCastle's
 * RFC 8032 implementation (about seven times the JDK's rate for pure Ed25519). The key is decoded
 * once per instance; a key that does not decode to a point on the curve makes every verification
 * fail with a message naming the key. Like Go's {@code crypto/ed25519} (and the JDK), keys of small
 * order are not refused: only their owner could have published one.
 */
public final class Ed25519Verifier extends AbstractVerifier {

  private static final byte[] NO_CONTEXT = new byte[0];

  private final Ed25519.PublicPoint point;

  /** Creates a verifier for {@link SignatureAlgorithm#ED25519} or {@link SignatureAlgorithm#ED25519PH}. */
  public Ed25519Verifier(PublicKey key, SignatureAlgorithm algorithm) {
    super(key, algorithm);
    if (algorithm != SignatureAlgorithm.ED25519 && algorithm != SignatureAlgorithm.ED25519PH) {
      throw new IllegalArgumentException("not an Ed25519 algorithm: " + algorithm);
    }
    byte[] raw = Ed25519Keys.rawPublic(key);
    this.point =
        raw.length == Ed25519.PUBLIC_KEY_SIZE ? Ed25519.validatePublicKeyPartialExport(raw, 0) : null;
  }

  @Override
  public void verify(byte[] data, byte[] signature) throws SignatureVerificationException {
    PublicPoint key = key();
    boolean ok;
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      ok = false;
    } else if (algorithm() == SignatureAlgorithm.ED25519) {
      ok = Ed25519.verify(signature, 0, key, data, 0, data.length);
    } else {
      SHA512Digest sha512 = new SHA512Digest();
      sha512.update(data, 0, data.length);
      byte[] digest = new byte[Ed25519.PREHASH_SIZE];
      sha512.doFinal(digest, 0);
      ok = Ed25519.verifyPrehash(signature, 0, key, NO_CONTEXT, digest, 0);
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
    PublicPoint key = key();
    if (signature.length != Ed25519.SIGNATURE_SIZE
        || !Ed25519.verifyPrehash(signature, 0, key, NO_CONTEXT, digest, 0)) {
      throw invalid();
    }
  }

  private PublicPoint key() throws SignatureVerificationException {
    if (point == null) {
      throw unusableKey(
          new IllegalArgumentException(
              "the public key is not a valid Ed25519 point"));
    }
    return point;
  }
}
