package dev.signet.crypto.internal;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.Signer;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519phSigner;

/**
 * Ed25519ph (RFC 8032, empty context) {@link Signer}, implemented with BouncyCastle because the
 * JDK has only pure Ed25519. This is the variant cosign uses for Ed25519 keys by default.
 */
public final class Ed25519PrehashSigner implements Signer {

  private static final byte[] NO_CONTEXT = new byte[0];

  private final Ed25519PrivateKeyParameters privateKey;
  private final PublicKey publicKey;

  /** Creates a signer; the caller has checked that the keys belong together. */
  public Ed25519PrehashSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = Ed25519Keys.privateParams(privateKey);
    this.publicKey = publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    Ed25519phSigner s = new Ed25519phSigner(NO_CONTEXT);
    s.init(true, privateKey);
    s.update(data, 0, data.length);
    return s.generateSignature();
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ED25519PH;
  }

  @Override
  public String toString() {
    return "Signer[ED25519PH, " + Jca.keyHint(publicKey) + "]";
  }
}
