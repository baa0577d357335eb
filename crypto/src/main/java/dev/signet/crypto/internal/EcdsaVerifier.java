package dev.signet.crypto.internal;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA verifier on BouncyCastle's lightweight API and curve-specific field arithmetic. It accepts
 * strict ASN.1 DER signatures and, failing that, IEEE P1363 ({@code r || s}) signatures of exactly
 * twice the field size, like sigstore's {@code ECDSAVerifier}; high-S signatures are valid (as in
 * Go's {@code crypto/ecdsa}), {@code r} and {@code s} outside {@code [1, n-1]} are not.
 *
 * <p>The key is checked once, here: a key that is not a point on its curve makes every
 * verification fail with a message naming the key. The first verifications of an instance use
 * {@link ECDSASigner} (windowed multiplication, BouncyCastle caches the key's small window table on
 * the key point it holds); after {@value #PRECOMPUTE_AFTER} of them the instance builds a comb table
 * of its key ({@link EcComb}, about seven verifications' worth of work for P-256), and from then on
 * verifies with that and the generator's table at about 1.5 times the rate. Everything here is
 * public data, so the variable-time arithmetic leaks nothing. Thread-safe: the table is built once
 * and published through a volatile field.
 */
public final class EcdsaVerifier extends AbstractVerifier {

  /** Verifications an instance does before it precomputes its key's comb table. */
  static final int PRECOMPUTE_AFTER = 8;

  private final EcdsaDomain domain;
  private final ECPublicKeyParameters key;
  private final String keyProblem;
  private final AtomicInteger uses = new AtomicInteger();
  private volatile EcComb keyComb;

  /** Creates a verifier; the caller has checked that the key's curve matches the algorithm. */
  public EcdsaVerifier(ECPublicKey key, SignatureAlgorithm algorithm) {
    super(key, algorithm);
    this.domain = EcdsaDomain.of(curveOf(algorithm));
    ECPublicKeyParameters params = null;
    String problem = null;
    try {
      ECPoint q = domain.point(key.getW().getAffineX(), key.getW().getAffineY());
      params = new ECPublicKeyParameters(q, domain.params());
    } catch (IllegalArgumentException e) {
      problem = "the public key is not a valid point on " + curveOf(algorithm).nistName()
          + " (" + e.getMessage() + ")";
    }
    this.key = params;
    this.keyProblem = problem;
  }

  @Override
  public void verify(byte[] data, byte[] signature) throws SignatureVerificationException {
    check(Jca.digest(algorithm().hashAlgorithm(), data), signature);
  }

  @Override
  public void verifyDigest(byte[] digest, byte[] signature) throws SignatureVerificationException {
    checkDigestLength(digest);
    check(digest, signature);
  }

  private void check(byte[] digest, byte[] signature) throws SignatureVerificationException {
    if (keyProblem != null) {
      throw unusableKey(new IllegalArgumentException(keyProblem));
    }
    EcComb comb = combAfterWarmUp();
    Optional<EcdsaEncoding.Components> der = EcdsaEncoding.parseDer(signature);
    if (der.isPresent() && verifies(comb, digest, der.get())) {
      return;
    }
    Optional<EcdsaEncoding.Components> p1363 =
        EcdsaEncoding.parseP1363(signature, domain.fieldBytes());
    if (p1363.isPresent() && verifies(comb, digest, p1363.get())) {
      return;
    }
    throw invalid();
  }

  private EcComb combAfterWarmUp() {
    EcComb comb = keyComb;
    if (comb == null && uses.incrementAndGet() == PRECOMPUTE_AFTER) {
      comb = domain.comb(key.getQ());
      keyComb = comb;
    }
    return comb;
  }

  private boolean verifies(EcComb comb, byte[] digest, EcdsaEncoding.Components sig) {
    if (comb == null) {
      ECDSASigner signer = new ECDSASigner();
      signer.init(false, key);
      return signer.verifySignature(digest, sig.r(), sig.s());
    }
    return verifyWithCombs(domain, comb, digest, sig.r(), sig.s());
  }

  /**
   * ECDSA verification (SEC 1 v2, section 4.1.4) with comb tables of the generator and the key:
   * {@code r} and {@code s} in {@code [1, n-1]}, {@code R = (e/s)·G + (r/s)·Q} not the point at
   * infinity, and {@code x(R) mod n == r}, compared in projective coordinates.
   */
  static boolean verifyWithCombs(
      EcdsaDomain domain, EcComb keyComb, byte[] digest, BigInteger r, BigInteger s) {
    BigInteger n = domain.order();
    if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
      return false;
    }
    BigInteger e = hashToInteger(digest, n.bitLength());
    BigInteger w = s.modInverse(n);
    BigInteger u1 = e.multiply(w).mod(n);
    BigInteger u2 = r.multiply(w).mod(n);
    ECPoint p = EcComb.sumOfProducts(domain.generatorComb(), u1, keyComb, u2);
    if (p.isInfinity()) {
      return false;
    }
    return xModNEquals(p, r, n);
  }

  /** The leftmost {@code bits} bits of the digest as a non-negative integer (SEC 1, 4.1.3 step 5). */
  static BigInteger hashToInteger(byte[] digest, int bits) {
    BigInteger e = new BigInteger(1, digest);
    int excess = 8 * digest.length - bits;
    return excess > 0 ? e.shiftRight(excess) : e;
  }

  /** Whether {@code x(p) mod n == r}, without an inversion when the point is Jacobian. */
  private static boolean xModNEquals(ECPoint p, BigInteger r, BigInteger n) {
    ECCurve curve = p.getCurve();
    int system = curve.getCoordinateSystem();
    if (system == ECCurve.COORD_JACOBIAN || system == ECCurve.COORD_JACOBIAN_MODIFIED) {
      ECFieldElement z = p.getZCoord(0);
      ECFieldElement zz = z.square();
      ECFieldElement x = p.getXCoord();
      // x(p) < q, so x(p) mod n == r means x(p) is r, r + n, r + 2n, ... below the field prime
      for (BigInteger c = r; curve.isValidFieldElement(c); c = c.add(n)) {
        if (curve.fromBigInteger(c).multiply(zz).equals(x)) {
          return true;
        }
      }
      return false;
    }
    return p.normalize().getAffineXCoord().toBigInteger().mod(n).equals(r);
  }

  private static EcCurves.Allowed curveOf(SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P256_SHA256:
        return EcCurves.Allowed.P256;
      case ECDSA_P384_SHA384:
        return EcCurves.Allowed.P384;
      case ECDSA_P521_SHA512:
        return EcCurves.Allowed.P521;
      default:
        throw new IllegalArgumentException("not an ECDSA algorithm: " + algorithm);
    }
  }
}
