package dev.signet.crypto.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/** Conversions between ASN.1 DER and IEEE P1363 ({@code r || s}) ECDSA signature encodings. */
public final class EcdsaEncoding {

  private EcdsaEncoding() {}

  /** DER {@code SEQUENCE {r, s}} for a P1363 signature (two big-endian halves of equal length). */
  public static byte[] p1363ToDer(byte[] p1363) {
    if (p1363.length == 0 || p1363.length % 2 != 0) {
      throw new IllegalArgumentException("P1363 signature length must be even and non-zero");
    }
    int half = p1363.length / 2;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(p1363, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(p1363, half, p1363.length));
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * P1363 encoding ({@code r || s}, each left-padded to {@code fieldBytes}) of a DER signature.
   *
   * @throws IllegalArgumentException if {@code der} is not a DER sequence of two integers that fit
   */
  public static byte[] derToP1363(byte[] der, int fieldBytes) {
    ASN1Sequence seq;
    try {
      seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a DER ECDSA signature", e);
    }
    if (seq.size() != 2) {
      throw new IllegalArgumentException("not a DER ECDSA signature");
    }
    byte[] out = new byte[2 * fieldBytes];
    for (int i = 0; i < 2; i++) {
      byte[] v = ASN1Integer.getInstance(seq.getObjectAt(i)).getPositiveValue().toByteArray();
      int start = v.length > 1 && v[0] == 0 ? 1 : 0;
      int len = v.length - start;
      if (len > fieldBytes) {
        throw new IllegalArgumentException("signature component larger than the curve");
      }
      System.arraycopy(v, start, out, (i + 1) * fieldBytes - len, len);
    }
    return out;
  }

  /** The two integers of an ECDSA signature. */
  public record Components(BigInteger r, BigInteger s) {}

  /**
   * The {@code (r, s)} of a strict ASN.1 DER {@code SEQUENCE {INTEGER r, INTEGER s}}: definite
   * minimal lengths, minimal non-negative integers, nothing after the sequence (the rules of Go's
   * {@code ecdsa.VerifyASN1}). Empty for anything else; the values are not range-checked.
   */
  public static Optional<Components> parseDer(byte[] der) {
    int[] pos = {0};
    int seqLen = header(der, pos, 0x30);
    if (seqLen < 0 || pos[0] + seqLen != der.length) {
      return Optional.empty();
    }
    BigInteger r = integer(der, pos);
    BigInteger s = r == null ? null : integer(der, pos);
    if (s == null || pos[0] != der.length) {
      return Optional.empty();
    }
    return Optional.of(new Components(r, s));
  }

  /** The {@code (r, s)} of a P1363 signature of exactly {@code 2 * fieldBytes} bytes. */
  public static Optional<Components> parseP1363(byte[] sig, int fieldBytes) {
    if (sig.length != 2 * fieldBytes) {
      return Optional.empty();
    }
    return Optional.of(
        new Components(
            new BigInteger(1, sig, 0, fieldBytes), new BigInteger(1, sig, fieldBytes, fieldBytes)));
  }

  /** Reads a tag and a minimal definite length; returns the length, or -1 if malformed. */
  private static int header(byte[] b, int[] pos, int tag) {
    int p = pos[0];
    if (p + 2 > b.length || (b[p] & 0xff) != tag) {
      return -1;
    }
    int first = b[p + 1] & 0xff;
    p += 2;
    int len;
    if (first < 0x80) {
      len = first;
    } else if (first == 0x81) {
      if (p >= b.length || (b[p] & 0xff) < 0x80) {
        return -1; // missing, or a length that fits the short form
      }
      len = b[p++] & 0xff;
    } else if (first == 0x82) {
      if (p + 2 > b.length || (b[p] & 0xff) == 0) {
        return -1;
      }
      len = (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
      p += 2;
    } else {
      return -1; // indefinite, or longer than any signature
    }
    if (len > b.length - p) {
      return -1;
    }
    pos[0] = p;
    return len;
  }

  private static BigInteger integer(byte[] b, int[] pos) {
    int len = header(b, pos, 0x02);
    if (len <= 0) {
      return null;
    }
    int p = pos[0];
    if ((b[p] & 0x80) != 0) {
      return null; // negative
    }
    if (len > 1 && b[p] == 0 && (b[p + 1] & 0x80) == 0) {
      return null; // redundant leading zero
    }
    pos[0] = p + len;
    return new BigInteger(1, b, p, len);
  }
}
