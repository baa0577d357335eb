package dev.signet.crypto.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A precomputed comb table (Lim–Lee) of one elliptic-curve point, for fast <em>variable-time</em>
 * multiplication of public points by public scalars — signature verification only, never secrets.
 *
 * <p>With {@code w} teeth spaced {@code d = ceil(bits / w)} apart, entry {@code j} of the table is
 * {@code sum(2^(i*d) * P for each bit i set in j)}, stored in affine form so that each use is a
 * cheap mixed addition. {@link #sumOfProducts} interleaves two tables with the same spacing, so
 * {@code a*P + b*Q} costs {@code d} doublings and at most {@code 2d} additions: for P-256 with
 * {@code w = 8}, 32 doublings instead of the 256 of a windowed double-and-add. The table is
 * immutable once built.
 */
final class EcComb {

  /** Teeth per comb: 255 table entries per point. */
  static final int TEETH = 8;

  private final int spacing;
  private final ECPoint[] table;

  /**
   * Builds the table of {@code point} for scalars of up to {@code bits} bits.
   *
   * @throws IllegalArgumentException if {@code point} is the point at infinity
   */
  EcComb(ECPoint point, int bits) {
    if (point.isInfinity()) {
      throw new IllegalArgumentException("cannot precompute the point at infinity");
    }
    this.spacing = (bits + TEETH - 1) / TEETH;
    ECCurve curve = point.getCurve();
    ECPoint[] teeth = new ECPoint[TEETH];
    teeth[0] = point.normalize();
    for (int i = 1; i < TEETH; i++) {
      teeth[i] = teeth[i - 1].timesPow2(spacing).normalize();
    }
    ECPoint[] entries = new ECPoint[(1 << TEETH) - 1];
    for (int j = 1; j <= entries.length; j++) {
      int top = 31 - Integer.numberOfLeadingZeros(j);
      int rest = j & ~(1 << top);
      entries[j - 1] = rest == 0 ? teeth[top] : entries[rest - 1].add(teeth[top]);
    }
    curve.normalizeAll(entries);
    ECPoint[] t = new ECPoint[entries.length + 1];
    t[0] = curve.getInfinity();
    System.arraycopy(entries, 0, t, 1, entries.length);
    this.table = t;
  }

  /**
   * {@code a*P + b*Q} for the points of two tables with the same spacing; both scalars must be
   * non-negative and fit the tables' bit size. Runs in time that depends on the scalars.
   */
  static ECPoint sumOfProducts(EcComb p, BigInteger a, EcComb q, BigInteger b) {
    if (p.spacing != q.spacing) {
      throw new IllegalArgumentException("comb tables of different sizes");
    }
    int d = p.spacing;
    int[] ka = words(a, d);
    int[] kb = words(b, d);
    ECPoint acc = p.table[0];
    for (int col = d - 1; col >= 0; col--) {
      acc = acc.twice();
      int i = index(ka, col, d);
      if (i != 0) {
        acc = acc.add(p.table[i]);
      }
      int j = index(kb, col, d);
      if (j != 0) {
        acc = acc.add(q.table[j]);
      }
    }
    return acc;
  }

  private static int index(int[] k, int col, int d) {
    int idx = 0;
    for (int i = TEETH - 1; i >= 0; i--) {
      int bit = i * d + col;
      idx = (idx << 1) | ((k[bit >>> 5] >>> (bit & 31)) & 1);
    }
    return idx;
  }

  /** Little-endian 32-bit words of {@code k}, enough for {@code TEETH * d} bits. */
  private static int[] words(BigInteger k, int d) {
    if (k.signum() < 0 || k.bitLength() > TEETH * d) {
      throw new IllegalArgumentException("scalar out of range for the comb table");
    }
    int[] w = new int[(TEETH * d + 31) / 32];
    byte[] be = k.toByteArray();
    for (int i = 0; i < be.length && i < 4 * w.length; i++) {
      int b = be[be.length - 1 - i] & 0xff;
      w[i >>> 2] |= b << (8 * (i & 3));
    }
    return w;
  }

  @Override
  public String toString() {
    return "EcComb[" + table.length + " entries, spacing " + spacing + "]";
  }
}
