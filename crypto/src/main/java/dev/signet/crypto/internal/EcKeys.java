package dev.signet.crypto.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;

/** Builds JDK ECDSA key pairs from a private scalar (the public point is recomputed). */
public final class EcKeys {

  private EcKeys() {}

  /**
   * The key pair for scalar {@code d} on {@code curve}; the public key is {@code d·G}, as Go's
   * {@code x509.ParseECPrivateKey} computes it (an encoded public key in the file is not trusted).
   *
   * @throws IllegalArgumentException if {@code d} is not in {@code [1, n-1]}
   */
  public static KeyPair fromScalar(EcCurves.Allowed curve, BigInteger d)
      throws GeneralSecurityException {
    BigInteger n = curve.params().getN();
    if (d.signum() <= 0 || d.compareTo(n) >= 0) {
      throw new IllegalArgumentException("invalid elliptic curve private key value");
    }
    org.bouncycastle.math.ec.ECPoint q = curve.params().getG().multiply(d).normalize();
    ECParameterSpec spec = curve.jdkSpec();
    KeyFactory kf = KeyFactory.getInstance("EC");
    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    return new KeyPair(
        kf.generatePublic(new ECPublicKeySpec(w, spec)),
        kf.generatePrivate(new ECPrivateKeySpec(d, spec)));
  }
}
