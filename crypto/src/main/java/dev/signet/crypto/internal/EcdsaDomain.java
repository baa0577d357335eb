package dev.signet.crypto.internal;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA verification parameters of one allowed curve on BouncyCastle's curve-specific field
 * arithmetic ({@code SecP256R1Curve} and friends, from {@link CustomNamedCurves}), which is several
 * times faster than the generic prime-field curve. The comb table of the generator is built on first
 * use and is a constant from then on (one per curve, in a holder class).
 */
enum EcdsaDomain {
  P256("secp256r1"),
  P384("secp384r1"),
  P521("secp521r1");

  private final ECDomainParameters params;
  private final int fieldBytes;

  EcdsaDomain(String name) {
    X9ECParameters x9 = CustomNamedCurves.getByName(name);
    this.params = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    this.fieldBytes = (x9.getCurve().getFieldSize() + 7) / 8;
  }

  static EcdsaDomain of(EcCurves.Allowed curve) {
    switch (curve) {
      case P256:
        return P256;
      case P384:
        return P384;
      default:
        return P521;
    }
  }

  ECDomainParameters params() {
    return params;
  }

  BigInteger order() {
    return params.getN();
  }

  /** Bytes of one field element or scalar (32, 48, 66): the half-length of a P1363 signature. */
  int fieldBytes() {
    return fieldBytes;
  }

  /**
   * The curve point with affine coordinates {@code (x, y)}.
   *
   * @throws IllegalArgumentException if the coordinates are out of range or the point is not on the
   *     curve (all points on these prime-order curves are in the group)
   */
  ECPoint point(BigInteger x, BigInteger y) {
    if (x == null || y == null) {
      throw new IllegalArgumentException("the public key is the point at infinity");
    }
    return params.getCurve().validatePoint(x, y);
  }

  /** A comb table for {@code point}, sized for scalars below the group order. */
  EcComb comb(ECPoint point) {
    return new EcComb(point, order().bitLength());
  }

  /** The generator's comb table. */
  EcComb generatorComb() {
    switch (this) {
      case P256:
        return P256Generator.COMB;
      case P384:
        return P384Generator.COMB;
      default:
        return P521Generator.COMB;
    }
  }

  private static final class P256Generator {
    static final EcComb COMB = P256.comb(P256.params.getG());
  }

  private static final class P384Generator {
    static final EcComb COMB = P384.comb(P384.params.getG());
  }

  private static final class P521Generator {
    static final EcComb COMB = P521.comb(P521.params.getG());
  }
}
