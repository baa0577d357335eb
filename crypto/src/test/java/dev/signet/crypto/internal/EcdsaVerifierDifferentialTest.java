package dev.signet.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.Verifier;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Signet's ECDSA verifier (both its BouncyCastle {@code ECDSASigner} path and, once warmed up, its
 * comb-table path) against the JDK's SunEC on random keys, messages and signature manipulations,
 * in DER and P1363 encodings. Every case also states the expected outcome, so two implementations
 * agreeing on a wrong answer fail too.
 */
class EcdsaVerifierDifferentialTest {

  enum Case {
    VALID(true),
    HIGH_S(true),
    TAMPERED_MESSAGE(false),
    TAMPERED_SIGNATURE(false),
    WRONG_KEY(false),
    R_ZERO(false),
    S_ZERO(false),
    R_EQUALS_N(false),
    R_PLUS_N(false),
    S_PLUS_N(false);

    final boolean valid;

    Case(boolean valid) {
      this.valid = valid;
    }
  }

  @Property(tries = 200)
  void signetAgreesWithSunEc(
      @ForAll EcCurves.Allowed curve,
      @ForAll @Size(min = 1, max = 32) byte[] seed,
      @ForAll @Size(max = 300) byte[] message,
      @ForAll Case c,
      @ForAll boolean p1363,
      @ForAll int flipAt)
      throws Exception {
    SignatureAlgorithm alg = algorithm(curve);
    BigInteger n = curve.params().getN();
    BigInteger d = scalar(seed, n);
    KeyPair signer = EcKeys.fromScalar(curve, d);
    BigInteger other = d.add(BigInteger.ONE).equals(n) ? BigInteger.ONE : d.add(BigInteger.ONE);
    KeyPair verifierKey = c == Case.WRONG_KEY ? EcKeys.fromScalar(curve, other) : signer;
    byte[] der = Jca.sign(alg.jcaName(), signer.getPrivate(), message);
    BigInteger[] rs = rs(der, curve.fieldBytes());
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    byte[] data = message.clone();
    switch (c) {
      case HIGH_S -> s = n.subtract(s);
      case TAMPERED_MESSAGE -> {
        if (data.length == 0) {
          data = new byte[] {0};
        } else {
          flipBit(data, flipAt);
        }
      }
      case R_ZERO -> r = BigInteger.ZERO;
      case S_ZERO -> s = BigInteger.ZERO;
      case R_EQUALS_N -> r = n;
      case R_PLUS_N -> r = r.add(n);
      case S_PLUS_N -> s = s.add(n);
      default -> { }
    }
    byte[] sig;
    if (p1363) {
      Assume.that(fits(r, curve.fieldBytes()) && fits(s, curve.fieldBytes()));
      sig = p1363(r, s, curve.fieldBytes());
    } else {
      sig = der(r, s);
    }
    if (c == Case.TAMPERED_SIGNATURE) {
      flipBit(sig, flipAt);
    }
    ECPublicKey key = (ECPublicKey) verifierKey.getPublic();

    boolean sunEc = sunEcVerifies(alg, key, data, sig, p1363);
    boolean fresh = verifies(new EcdsaVerifier(key, alg), data, sig);
    boolean warmed = verifies(warmed(key, alg, signer, curve), data, sig);

    assertThat(sunEc).as("SunEC on %s", c).isEqualTo(c.valid);
    assertThat(fresh).as("Signet (ECDSASigner path) on %s", c).isEqualTo(sunEc);
    assertThat(warmed).as("Signet (comb path) on %s", c).isEqualTo(sunEc);
  }

  static void flipBit(byte[] b, int where) {
    b[Math.floorMod(where, b.length)] ^= (byte) (1 << Math.floorMod(where >> 8, 8));
  }

  /** A verifier that has built its comb table (checked by verifying a fresh signature). */
  static EcdsaVerifier warmed(
      ECPublicKey key, SignatureAlgorithm alg, KeyPair signer, EcCurves.Allowed curve)
      throws Exception {
    EcdsaVerifier v = new EcdsaVerifier(key, alg);
    byte[] probe = {1, 2, 3};
    byte[] sig = Jca.sign(alg.jcaName(), signer.getPrivate(), probe);
    for (int i = 0; i < EcdsaVerifier.PRECOMPUTE_AFTER; i++) {
      verifies(v, probe, sig);
    }
    return v;
  }

  static boolean verifies(Verifier v, byte[] data, byte[] sig) {
    try {
      v.verify(data, sig);
      return true;
    } catch (SignatureVerificationException e) {
      return false;
    }
  }

  static boolean sunEcVerifies(
      SignatureAlgorithm alg, ECPublicKey key, byte[] data, byte[] sig, boolean p1363)
      throws Exception {
    Signature s = Signature.getInstance(alg.jcaName() + (p1363 ? "inP1363Format" : ""), "SunEC");
    s.initVerify(key);
    s.update(data);
    try {
      return s.verify(sig);
    } catch (SignatureException e) {
      return false;
    }
  }

  static SignatureAlgorithm algorithm(EcCurves.Allowed curve) {
    return switch (curve) {
      case P256 -> SignatureAlgorithm.ECDSA_P256_SHA256;
      case P384 -> SignatureAlgorithm.ECDSA_P384_SHA384;
      case P521 -> SignatureAlgorithm.ECDSA_P521_SHA512;
    };
  }

  static BigInteger scalar(byte[] seed, BigInteger n) {
    return new BigInteger(1, seed).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  static BigInteger[] rs(byte[] der, int fieldBytes) {
    EcdsaEncoding.Components c = EcdsaEncoding.parseDer(der).orElseThrow();
    return new BigInteger[] {c.r(), c.s()};
  }

  static boolean fits(BigInteger v, int bytes) {
    return v.bitLength() <= 8 * bytes;
  }

  static byte[] p1363(BigInteger r, BigInteger s, int fieldBytes) {
    byte[] out = new byte[2 * fieldBytes];
    put(r, out, 0, fieldBytes);
    put(s, out, fieldBytes, fieldBytes);
    return out;
  }

  private static void put(BigInteger v, byte[] out, int off, int len) {
    byte[] b = v.toByteArray();
    int skip = b.length > len ? b.length - len : 0;
    System.arraycopy(b, skip, out, off + len - (b.length - skip), b.length - skip);
  }

  /** Minimal DER {@code SEQUENCE {INTEGER r, INTEGER s}} (also for out-of-range values). */
  static byte[] der(BigInteger r, BigInteger s) {
    byte[] ri = tlv(0x02, r.toByteArray());
    byte[] si = tlv(0x02, s.toByteArray());
    byte[] body = new byte[ri.length + si.length];
    System.arraycopy(ri, 0, body, 0, ri.length);
    System.arraycopy(si, 0, body, ri.length, si.length);
    return tlv(0x30, body);
  }

  static byte[] tlv(int tag, byte[] value) {
    int n = value.length;
    byte[] head = n < 0x80 ? new byte[] {(byte) tag, (byte) n}
        : new byte[] {(byte) tag, (byte) 0x81, (byte) n};
    byte[] out = new byte[head.length + n];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(value, 0, out, head.length, n);
    return out;
  }
}
