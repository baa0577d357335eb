package dev.signet.crypto.internal;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The scrypt key derivation function (RFC 7914), written for speed on the JVM: the state lives in
 * {@code int[]} words (little-endian, as Salsa20 reads them), BlockMix keeps the Salsa20/8 state in
 * locals and XORs its input in as it loads it, and ROMix allocates its two arrays once per call —
 * nothing is allocated per block. PBKDF2-HMAC-SHA256 with one iteration wraps ROMix, as the RFC
 * says.
 *
 * <p>This is a pure function. Its memory access pattern depends on the password, as every scrypt's
 * does (that is what makes it memory-hard); the derived words are zeroed before returning.
 */
public final class Scrypt {

  private Scrypt() {}

  /**
   * {@code scrypt(password, salt, n, r, p, length)}.
   *
   * @throws IllegalArgumentException unless {@code n} is a power of two greater than 1, {@code r}
   *     and {@code p} are positive, {@code p * r <= 2^30 - 1}, {@code 128 * r * n} fits in an
   *     array, and {@code length} is positive
   */
  public static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int length) {
    if (n < 2 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("scrypt N must be a power of 2 greater than 1: " + n);
    }
    if (r < 1 || p < 1 || (long) r * p >= 1 << 30) {
      throw new IllegalArgumentException("scrypt r and p must be positive with r*p < 2^30");
    }
    if ((long) 32 * r * n > Integer.MAX_VALUE - 8 || (long) 128 * r * p > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("scrypt parameters need too much memory: N=" + n + " r=" + r);
    }
    if (length < 1) {
      throw new IllegalArgumentException("scrypt output length must be positive");
    }
    int blockBytes = 128 * r;
    byte[] b = pbkdf2Sha256Once(password, salt, p * blockBytes);
    int words = 32 * r;
    int[] x = new int[words];
    int[] y = new int[words];
    int[] v = new int[words * n];
    try {
      for (int i = 0; i < p; i++) {
        int off = i * blockBytes;
        for (int k = 0; k < words; k++) {
          x[k] = littleEndian(b, off + 4 * k);
        }
        roMix(x, y, v, n, r);
        for (int k = 0; k < words; k++) {
          putLittleEndian(x[k], b, off + 4 * k);
        }
      }
      return pbkdf2Sha256Once(password, b, length);
    } finally {
      Arrays.fill(b, (byte) 0);
      Arrays.fill(x, 0);
      Arrays.fill(y, 0);
      Arrays.fill(v, 0);
    }
  }

  /** ROMix (RFC 7914 §5) in place on {@code x}; {@code y} is scratch, {@code v} holds N blocks. */
  private static void roMix(int[] x, int[] y, int[] v, int n, int r) {
    int words = 32 * r;
    for (int i = 0; i < n; i += 2) {
      System.arraycopy(x, 0, v, i * words, words);
      blockMix(x, null, 0, y, r);
      System.arraycopy(y, 0, v, (i + 1) * words, words);
      blockMix(y, null, 0, x, r);
    }
    int last = (2 * r - 1) * 16;
    for (int i = 0; i < n; i += 2) {
      int j = x[last] & (n - 1);
      blockMix(x, v, j * words, y, r);
      j = y[last] & (n - 1);
      blockMix(y, v, j * words, x, r);
    }
  }

  /**
   * BlockMix with Salsa20/8 (RFC 7914 §4) of {@code in} XOR (when {@code mix} is not null) the block
   * of {@code mix} at {@code mixOff}, written to {@code out} with even sub-blocks first.
   */
  private static void blockMix(int[] in, int[] mix, int mixOff, int[] out, int r) {
    int lastOff = (2 * r - 1) * 16;
    int x0 = in[lastOff];
    int x1 = in[lastOff + 1];
    int x2 = in[lastOff + 2];
    int x3 = in[lastOff + 3];
    int x4 = in[lastOff + 4];
    int x5 = in[lastOff + 5];
    int x6 = in[lastOff + 6];
    int x7 = in[lastOff + 7];
    int x8 = in[lastOff + 8];
    int x9 = in[lastOff + 9];
    int x10 = in[lastOff + 10];
    int x11 = in[lastOff + 11];
    int x12 = in[lastOff + 12];
    int x13 = in[lastOff + 13];
    int x14 = in[lastOff + 14];
    int x15 = in[lastOff + 15];
    if (mix != null) {
      int m = mixOff + lastOff;
      x0 ^= mix[m];
      x1 ^= mix[m + 1];
      x2 ^= mix[m + 2];
      x3 ^= mix[m + 3];
      x4 ^= mix[m + 4];
      x5 ^= mix[m + 5];
      x6 ^= mix[m + 6];
      x7 ^= mix[m + 7];
      x8 ^= mix[m + 8];
      x9 ^= mix[m + 9];
      x10 ^= mix[m + 10];
      x11 ^= mix[m + 11];
      x12 ^= mix[m + 12];
      x13 ^= mix[m + 13];
      x14 ^= mix[m + 14];
      x15 ^= mix[m + 15];
    }
    for (int i = 0; i < 2 * r; i++) {
      int o = i * 16;
      x0 ^= in[o];
      x1 ^= in[o + 1];
      x2 ^= in[o + 2];
      x3 ^= in[o + 3];
      x4 ^= in[o + 4];
      x5 ^= in[o + 5];
      x6 ^= in[o + 6];
      x7 ^= in[o + 7];
      x8 ^= in[o + 8];
      x9 ^= in[o + 9];
      x10 ^= in[o + 10];
      x11 ^= in[o + 11];
      x12 ^= in[o + 12];
      x13 ^= in[o + 13];
      x14 ^= in[o + 14];
      x15 ^= in[o + 15];
      if (mix != null) {
        int m = mixOff + o;
        x0 ^= mix[m];
        x1 ^= mix[m + 1];
        x2 ^= mix[m + 2];
        x3 ^= mix[m + 3];
        x4 ^= mix[m + 4];
        x5 ^= mix[m + 5];
        x6 ^= mix[m + 6];
        x7 ^= mix[m + 7];
        x8 ^= mix[m + 8];
        x9 ^= mix[m + 9];
        x10 ^= mix[m + 10];
        x11 ^= mix[m + 11];
        x12 ^= mix[m + 12];
        x13 ^= mix[m + 13];
        x14 ^= mix[m + 14];
        x15 ^= mix[m + 15];
      }
      int j0 = x0;
      int j1 = x1;
      int j2 = x2;
      int j3 = x3;
      int j4 = x4;
      int j5 = x5;
      int j6 = x6;
      int j7 = x7;
      int j8 = x8;
      int j9 = x9;
      int j10 = x10;
      int j11 = x11;
      int j12 = x12;
      int j13 = x13;
      int j14 = x14;
      int j15 = x15;
      for (int round = 0; round < 8; round += 2) {
        // columns
        x4 ^= Integer.rotateLeft(x0 + x12, 7);
        x8 ^= Integer.rotateLeft(x4 + x0, 9);
        x12 ^= Integer.rotateLeft(x8 + x4, 13);
        x0 ^= Integer.rotateLeft(x12 + x8, 18);
        x9 ^= Integer.rotateLeft(x5 + x1, 7);
        x13 ^= Integer.rotateLeft(x9 + x5, 9);
        x1 ^= Integer.rotateLeft(x13 + x9, 13);
        x5 ^= Integer.rotateLeft(x1 + x13, 18);
        x14 ^= Integer.rotateLeft(x10 + x6, 7);
        x2 ^= Integer.rotateLeft(x14 + x10, 9);
        x6 ^= Integer.rotateLeft(x2 + x14, 13);
        x10 ^= Integer.rotateLeft(x6 + x2, 18);
        x3 ^= Integer.rotateLeft(x15 + x11, 7);
        x7 ^= Integer.rotateLeft(x3 + x15, 9);
        x11 ^= Integer.rotateLeft(x7 + x3, 13);
        x15 ^= Integer.rotateLeft(x11 + x7, 18);
        // rows
        x1 ^= Integer.rotateLeft(x0 + x3, 7);
        x2 ^= Integer.rotateLeft(x1 + x0, 9);
        x3 ^= Integer.rotateLeft(x2 + x1, 13);
        x0 ^= Integer.rotateLeft(x3 + x2, 18);
        x6 ^= Integer.rotateLeft(x5 + x4, 7);
        x7 ^= Integer.rotateLeft(x6 + x5, 9);
        x4 ^= Integer.rotateLeft(x7 + x6, 13);
        x5 ^= Integer.rotateLeft(x4 + x7, 18);
        x11 ^= Integer.rotateLeft(x10 + x9, 7);
        x8 ^= Integer.rotateLeft(x11 + x10, 9);
        x9 ^= Integer.rotateLeft(x8 + x11, 13);
        x10 ^= Integer.rotateLeft(x9 + x8, 18);
        x12 ^= Integer.rotateLeft(x15 + x14, 7);
        x13 ^= Integer.rotateLeft(x12 + x15, 9);
        x14 ^= Integer.rotateLeft(x13 + x12, 13);
        x15 ^= Integer.rotateLeft(x14 + x13, 18);
      }
      x0 += j0;
      x1 += j1;
      x2 += j2;
      x3 += j3;
      x4 += j4;
      x5 += j5;
      x6 += j6;
      x7 += j7;
      x8 += j8;
      x9 += j9;
      x10 += j10;
      x11 += j11;
      x12 += j12;
      x13 += j13;
      x14 += j14;
      x15 += j15;
      // even sub-blocks go to the first half of the output, odd ones to the second half
      int d = ((i & 1) == 0 ? i / 2 : r + i / 2) * 16;
      out[d] = x0;
      out[d + 1] = x1;
      out[d + 2] = x2;
      out[d + 3] = x3;
      out[d + 4] = x4;
      out[d + 5] = x5;
      out[d + 6] = x6;
      out[d + 7] = x7;
      out[d + 8] = x8;
      out[d + 9] = x9;
      out[d + 10] = x10;
      out[d + 11] = x11;
      out[d + 12] = x12;
      out[d + 13] = x13;
      out[d + 14] = x14;
      out[d + 15] = x15;
    }
  }

  /** PBKDF2-HMAC-SHA256 with one iteration (RFC 8018 §5.2), as scrypt uses it. */
  static byte[] pbkdf2Sha256Once(byte[] password, byte[] salt, int length) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(password));
    byte[] out = new byte[length];
    byte[] t = new byte[32];
    byte[] counter = new byte[4];
    try {
      for (int block = 1, off = 0; off < length; block++, off += 32) {
        counter[0] = (byte) (block >>> 24);
        counter[1] = (byte) (block >>> 16);
        counter[2] = (byte) (block >>> 8);
        counter[3] = (byte) block;
        mac.update(salt, 0, salt.length);
        mac.update(counter, 0, 4);
        mac.doFinal(t, 0);
        System.arraycopy(t, 0, out, off, Math.min(32, length - off));
      }
      return out;
    } finally {
      Arrays.fill(t, (byte) 0);
      mac.reset();
    }
  }

  private static int littleEndian(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  private static void putLittleEndian(int v, byte[] b, int off) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}
