package dev.signet.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdDSAParameterSpec;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * Signet's Ed25519 / Ed25519ph verifier (BouncyCastle) against the JDK's EdDSA (which does
 * Ed25519ph through {@link EdDSAParameterSpec}) on random keys, messages and manipulations.
 */
class Ed25519VerifierDifferentialTest {

  /** The group order L of edwards25519. */
  private static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

  enum Case {
    VALID(true),
    TAMPERED_MESSAGE(false),
    TAMPERED_SIGNATURE(false),
    WRONG_KEY(false),
    S_PLUS_L(false),
    TRUNCATED(false);

    final boolean valid;

    Case(boolean valid) {
      this.valid = valid;
    }
  }

  @Property(tries = 300)
  void signetAgreesWithTheJdk(
      @ForAll @Size(32) byte[] seed,
      @ForAll @Size(max = 300) byte[] message,
      @ForAll boolean prehash,
      @ForAll Case c,
      @ForAll int flipAt)
      throws Exception {
    SignatureAlgorithm alg = prehash ? SignatureAlgorithm.ED25519PH : SignatureAlgorithm.ED25519;
    Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(seed, 0);
    PublicKey pub = Ed25519Keys.publicKeyOf(priv);
    byte[] sig = sign(priv, message, prehash);
    byte[] data = message.clone();
    PublicKey verifyWith = pub;
    switch (c) {
      case TAMPERED_MESSAGE -> data = tamper(data, flipAt);
      case TAMPERED_SIGNATURE -> sig = tamper(sig, flipAt);
      case WRONG_KEY -> {
        byte[] other = seed.clone();
        other[0] ^= 1;
        verifyWith = Ed25519Keys.publicKeyOf(new Ed25519PrivateKeyParameters(other, 0));
      }
      case S_PLUS_L -> {
        byte[] sLe = Arrays.copyOfRange(sig, 32, 64);
        BigInteger sv = new BigInteger(1, reverse(sLe)).add(L);
        byte[] be = sv.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
          le[i] = be[be.length - 1 - i];
        }
        System.arraycopy(le, 0, sig, 32, 32);
      }
      case TRUNCATED -> sig = Arrays.copyOf(sig, 63);
      default -> { }
    }

    boolean jdk = jdkVerifies(verifyWith, data, sig, prehash);
    boolean signet = EcdsaVerifierDifferentialTest.verifies(
        new Ed25519Verifier(verifyWith, alg), data, sig);

    assertThat(jdk).as("JDK on %s", c).isEqualTo(c.valid);
    assertThat(signet).as("Signet on %s", c).isEqualTo(jdk);
  }

  @Test
  void keyThatIsNotAPointIsRefusedWithAMessage() throws Exception {
    // y = 2 is not the y-coordinate of any point on edwards25519
    byte[] raw = new byte[32];
    raw[0] = 2;
    PublicKey notAPoint = rawKey(raw);
    assertThatThrownBy(
            () -> new Ed25519Verifier(notAPoint, SignatureAlgorithm.ED25519)
                .verify(new byte[] {1}, new byte[64]))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageContaining("not a valid Ed25519 point");
  }

  private static PublicKey rawKey(byte[] raw) throws Exception {
    byte[] spki =
        new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.edec.EdECObjectIdentifiers.id_Ed25519),
                raw)
            .getEncoded();
    return java.security.KeyFactory.getInstance("Ed25519")
        .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
  }

  private static byte[] sign(Ed25519PrivateKeyParameters priv, byte[] message, boolean prehash) {
    byte[] sig = new byte[64];
    if (prehash) {
      org.bouncycastle.crypto.signers.Ed25519phSigner s =
          new org.bouncycastle.crypto.signers.Ed25519phSigner(new byte[0]);
      s.init(true, priv);
      s.update(message, 0, message.length);
      return s.generateSignature();
    }
    priv.sign(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, null, message, 0,
        message.length, sig, 0);
    return sig;
  }

  private static boolean jdkVerifies(PublicKey key, byte[] data, byte[] sig, boolean prehash)
      throws Exception {
    Signature s = Signature.getInstance("Ed25519", "SunEC");
    if (prehash) {
      s.setParameter(new EdDSAParameterSpec(true));
    }
    s.initVerify(key);
    s.update(data);
    try {
      return s.verify(sig);
    } catch (SignatureException e) {
      return false;
    }
  }

  private static byte[] tamper(byte[] b, int where) {
    if (b.length == 0) {
      return new byte[] {0};
    }
    byte[] out = b.clone();
    EcdsaVerifierDifferentialTest.flipBit(out, where);
    return out;
  }

  private static byte[] reverse(byte[] b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[b.length - 1 - i];
    }
    return out;
  }
}
