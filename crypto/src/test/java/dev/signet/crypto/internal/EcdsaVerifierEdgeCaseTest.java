package dev.signet.crypto.internal;

import static dev.signet.crypto.internal.EcdsaVerifierDifferentialTest.der;
import static dev.signet.crypto.internal.EcdsaVerifierDifferentialTest.p1363;
import static dev.signet.crypto.internal.EcdsaVerifierDifferentialTest.tlv;
import static dev.signet.crypto.internal.EcdsaVerifierDifferentialTest.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.Verifiers;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof-style edge cases, constructed here, for the ECDSA verifier on P-256: signature
 * encodings Go's {@code ecdsa.VerifyASN1} refuses, out-of-range components, bad keys, both code
 * paths (before and after the comb table is built), and the comb arithmetic itself.
 */
class EcdsaVerifierEdgeCaseTest {

  private static final SignatureAlgorithm ALG = SignatureAlgorithm.ECDSA_P256_SHA256;
  private static final EcCurves.Allowed CURVE = EcCurves.Allowed.P256;
  private static final BigInteger N = CURVE.params().getN();
  private static final byte[] DATA = "edge cases".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static KeyPair keys;
  private static ECPublicKey pub;
  private static BigInteger r;
  private static BigInteger s;

  @BeforeAll
  static void sign() throws Exception {
    keys = EcKeys.fromScalar(CURVE, new BigInteger("1234567890abcdef1234567890abcdef", 16));
    pub = (ECPublicKey) keys.getPublic();
    // a signature whose r needs a leading zero in DER, so the encoding cases below all apply
    do {
      EcdsaEncoding.Components c =
          EcdsaEncoding.parseDer(Jca.sign(ALG.jcaName(), keys.getPrivate(), DATA)).orElseThrow();
      r = c.r();
      s = c.s();
    } while (r.bitLength() != 256 || s.bitLength() > 255);
  }

  /** Both paths: a fresh verifier and one that has switched to comb tables. */
  private static List<EcdsaVerifier> verifiers() throws Exception {
    return List.of(
        new EcdsaVerifier(pub, ALG), EcdsaVerifierDifferentialTest.warmed(pub, ALG, keys, CURVE));
  }

  private static void assertAccepted(byte[] sig) throws Exception {
    for (EcdsaVerifier v : verifiers()) {
      assertThat(verifies(v, DATA, sig)).as("accepted by %s", v).isTrue();
    }
  }

  private static void assertRejected(byte[] sig) throws Exception {
    for (EcdsaVerifier v : verifiers()) {
      assertThat(verifies(v, DATA, sig)).as("rejected by %s", v).isFalse();
    }
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b[0] == 0 && b.length > 1 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }

  @Test
  void acceptsDerP1363AndHighS() throws Exception {
    assertAccepted(der(r, s));
    assertAccepted(p1363(r, s, 32));
    assertAccepted(der(r, N.subtract(s)));
    assertAccepted(p1363(r, N.subtract(s), 32));
  }

  @Test
  void rejectsNonMinimalLengths() throws Exception {
    byte[] body = concat(tlv(0x02, r.toByteArray()), tlv(0x02, s.toByteArray()));
    assertRejected(concat(new byte[] {0x30, (byte) 0x81, (byte) body.length}, body));
    assertRejected(concat(new byte[] {0x30, (byte) 0x82, 0, (byte) body.length}, body));
    byte[] rLong = concat(new byte[] {0x02, (byte) 0x81, 33}, r.toByteArray());
    byte[] body2 = concat(rLong, tlv(0x02, s.toByteArray()));
    assertRejected(tlv(0x30, body2));
  }

  @Test
  void rejectsIndefiniteLengthAndWrongTags() throws Exception {
    byte[] body = concat(tlv(0x02, r.toByteArray()), tlv(0x02, s.toByteArray()));
    assertRejected(concat(new byte[] {0x30, (byte) 0x80}, body, new byte[] {0, 0}));
    assertRejected(tlv(0x31, body));
    assertRejected(tlv(0x30, concat(tlv(0x03, r.toByteArray()), tlv(0x02, s.toByteArray()))));
  }

  @Test
  void rejectsRedundantLeadingZeroAndNegativeIntegers() throws Exception {
    byte[] sPadded = concat(new byte[] {0, 0}, unsigned(s));
    assertRejected(tlv(0x30, concat(tlv(0x02, r.toByteArray()), tlv(0x02, sPadded))));
    // r's top bit is set: without its zero byte it reads as a negative number
    assertRejected(tlv(0x30, concat(tlv(0x02, unsigned(r)), tlv(0x02, s.toByteArray()))));
  }

  @Test
  void rejectsTrailingDataAndExtraOrMissingIntegers() throws Exception {
    assertRejected(concat(der(r, s), new byte[] {0}));
    byte[] three =
        concat(tlv(0x02, r.toByteArray()), tlv(0x02, s.toByteArray()), tlv(0x02, new byte[] {1}));
    assertRejected(tlv(0x30, three));
    assertRejected(tlv(0x30, tlv(0x02, r.toByteArray())));
    assertRejected(tlv(0x30, new byte[0]));
    assertRejected(new byte[] {0x30});
    assertRejected(new byte[0]);
  }

  @Test
  void rejectsOutOfRangeComponents() throws Exception {
    for (BigInteger[] rs :
        new BigInteger[][] {
          {BigInteger.ZERO, s}, {r, BigInteger.ZERO}, {N, s}, {r, N}, {r.add(N), s}, {r, s.add(N)},
          {BigInteger.ONE, BigInteger.ONE}, {N.subtract(BigInteger.ONE), N.subtract(BigInteger.ONE)}
        }) {
      assertRejected(der(rs[0], rs[1]));
      if (rs[0].bitLength() <= 256 && rs[1].bitLength() <= 256) {
        assertRejected(p1363(rs[0], rs[1], 32));
      }
    }
    assertRejected(der(r.negate(), s));
  }

  @Test
  void rejectsP1363OfWrongLength() throws Exception {
    byte[] sig = p1363(r, s, 32);
    assertRejected(java.util.Arrays.copyOf(sig, 63));
    assertRejected(java.util.Arrays.copyOf(sig, 65));
    assertRejected(concat(new byte[] {0}, sig));
  }

  @Test
  void verifyDigestMatchesVerify() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(DATA);
    for (EcdsaVerifier v : verifiers()) {
      v.verifyDigest(digest, der(r, s));
      digest[0] ^= 1;
      byte[] bad = digest.clone();
      assertThatThrownBy(() -> v.verifyDigest(bad, der(r, s)))
          .isInstanceOf(SignatureVerificationException.class);
      digest[0] ^= 1;
    }
  }

  @Test
  void keyOffTheCurveIsRefusedWithAMessage() throws Exception {
    ECPoint w = pub.getW();
    ECPublicKey off = fakeKey(new ECPoint(w.getAffineX(), w.getAffineY().add(BigInteger.ONE)));
    assertThatThrownBy(() -> Verifiers.from(off).verify(DATA, der(r, s)))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageContaining("not a valid point on P-256");
  }

  @Test
  void keyWithCoordinatesBeyondTheFieldIsRefused() throws Exception {
    BigInteger p = CURVE.params().getCurve().getField().getCharacteristic();
    ECPoint w = pub.getW();
    ECPublicKey big = fakeKey(new ECPoint(w.getAffineX().add(p), w.getAffineY()));
    assertThatThrownBy(() -> Verifiers.from(big).verify(DATA, der(r, s)))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageContaining("not a valid point");
  }

  @Test
  void keyAtInfinityIsRefused() throws Exception {
    ECPublicKey inf = fakeKey(ECPoint.POINT_INFINITY);
    assertThatThrownBy(() -> new EcdsaVerifier(inf, ALG).verify(DATA, der(r, s)))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageContaining("point at infinity");
  }

  @Test
  void concurrentUseAcrossTheSwitchToCombTables() throws Exception {
    EcdsaVerifier v = new EcdsaVerifier(pub, ALG);
    byte[] good = der(r, s);
    byte[] bad = der(r, s.add(BigInteger.ONE));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        boolean valid = i % 3 != 0;
        results.add(pool.submit(() -> verifies(v, DATA, valid ? good : bad) == valid));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void hashToIntegerKeepsTheLeftmostBits() {
    byte[] digest = HexFormat.of().parseHex("ff".repeat(32) + "00".repeat(32));
    assertThat(EcdsaVerifier.hashToInteger(digest, 256))
        .isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    assertThat(EcdsaVerifier.hashToInteger(new byte[] {1, 2}, 521)).isEqualTo(BigInteger.valueOf(258));
  }

  /** {@code a·G + b·Q} from the comb tables equals BouncyCastle's reference multiplication. */
  @Property(tries = 40)
  void combSumOfProductsEqualsReferenceMultiplication(
      @ForAll EcCurves.Allowed curve,
      @ForAll @Size(max = 66) byte[] aBytes,
      @ForAll @Size(max = 66) byte[] bBytes,
      @ForAll @Size(min = 1, max = 32) byte[] keySeed) {
    EcdsaDomain domain = EcdsaDomain.of(curve);
    BigInteger n = domain.order();
    BigInteger a = new BigInteger(1, aBytes).mod(n);
    BigInteger b = new BigInteger(1, bBytes).mod(n);
    org.bouncycastle.math.ec.ECPoint g = domain.params().getG();
    org.bouncycastle.math.ec.ECPoint q =
        g.multiply(EcdsaVerifierDifferentialTest.scalar(keySeed, n)).normalize();
    org.bouncycastle.math.ec.ECPoint fast =
        EcComb.sumOfProducts(domain.generatorComb(), a, domain.comb(q), b);
    org.bouncycastle.math.ec.ECPoint reference = ECAlgorithms.referenceMultiply(g, a)
        .add(ECAlgorithms.referenceMultiply(q, b));
    assertThat(fast.normalize()).isEqualTo(reference.normalize());
  }

  @Test
  void combHandlesEdgeScalars() {
    EcdsaDomain domain = EcdsaDomain.P256;
    org.bouncycastle.math.ec.ECPoint g = domain.params().getG();
    EcComb comb = domain.generatorComb();
    BigInteger n = domain.order();
    for (BigInteger k :
        new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, n.subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(31)}) {
      org.bouncycastle.math.ec.ECPoint fast =
          EcComb.sumOfProducts(comb, k, comb, BigInteger.ZERO).normalize();
      assertThat(fast).as("k = %s", k).isEqualTo(ECAlgorithms.referenceMultiply(g, k).normalize());
    }
    // a·G + (n - a)·G is the point at infinity
    BigInteger a = BigInteger.valueOf(12345);
    assertThat(EcComb.sumOfProducts(comb, a, comb, n.subtract(a)).isInfinity()).isTrue();
  }

  private static ECPublicKey fakeKey(ECPoint w) {
    byte[] encoded = pub.getEncoded();
    ECParameterSpec params = pub.getParams();
    return new ECPublicKey() {
      @Override
      public ECPoint getW() {
        return w;
      }

      @Override
      public ECParameterSpec getParams() {
        return params;
      }

      @Override
      public String getAlgorithm() {
        return "EC";
      }

      @Override
      public String getFormat() {
        return "X.509";
      }

      @Override
      public byte[] getEncoded() {
        return encoded.clone();
      }
    };
  }
}
