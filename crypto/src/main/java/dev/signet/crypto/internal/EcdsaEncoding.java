package dev.signet.crypto.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
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
}
