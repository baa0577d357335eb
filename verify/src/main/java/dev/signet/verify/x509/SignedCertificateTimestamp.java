package dev.signet.verify.x509;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One RFC 6962 §3.2 {@code SignedCertificateTimestamp} (v1) from a certificate's embedded SCT list
 * (extension 1.3.6.1.4.1.11129.2.4.2, TLS encoding inside a DER OCTET STRING).
 *
 * @param hashAlgorithm TLS {@code HashAlgorithm} (4 = sha256, 5 = sha384, 6 = sha512)
 * @param signatureAlgorithm TLS {@code SignatureAlgorithm} (1 = rsa, 3 = ecdsa, 7 = ed25519)
 */
public record SignedCertificateTimestamp(
    int version, byte[] logId, long timestampMillis, byte[] extensions, int hashAlgorithm, int signatureAlgorithm,
    byte[] signature) {

  public SignedCertificateTimestamp {
    logId = logId.clone();
    extensions = extensions.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] logId() {
    return logId.clone();
  }

  @Override
  public byte[] extensions() {
    return extensions.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  public String logIdHex() {
    return HexFormat.of().formatHex(logId);
  }

  /**
   * Parses a TLS {@code SignedCertificateTimestampList} (the octets inside the extension's inner OCTET STRING).
   *
   * @throws IllegalArgumentException naming the first malformed byte range
   */
  public static List<SignedCertificateTimestamp> parseList(byte[] tls) {
    ByteBuffer b = ByteBuffer.wrap(tls);
    int total = u16(b, "list length");
    if (total != b.remaining()) {
      throw new IllegalArgumentException("SCT list length " + total + " but " + b.remaining() + " bytes follow");
    }
    List<SignedCertificateTimestamp> out = new ArrayList<>();
    while (b.hasRemaining()) {
      int len = u16(b, "SCT length");
      if (len > b.remaining()) {
        throw new IllegalArgumentException("SCT " + (out.size() + 1) + " length " + len + " exceeds the list");
      }
      ByteBuffer s = b.slice(b.position(), len);
      b.position(b.position() + len);
      out.add(parseOne(s, out.size() + 1));
    }
    return out;
  }

  private static SignedCertificateTimestamp parseOne(ByteBuffer s, int n) {
    String what = "SCT " + n;
    int version = u8(s, what + " version");
    if (version != 0) {
      throw new IllegalArgumentException(what + " has unsupported version " + version + " (only v1 = 0)");
    }
    byte[] logId = bytes(s, 32, what + " log id");
    long ts = need(s, 8, what + " timestamp").getLong();
    byte[] ext = bytes(s, u16(s, what + " extensions length"), what + " extensions");
    int hash = u8(s, what + " hash algorithm");
    int sig = u8(s, what + " signature algorithm");
    byte[] signature = bytes(s, u16(s, what + " signature length"), what + " signature");
    if (s.hasRemaining()) {
      throw new IllegalArgumentException(what + " has " + s.remaining() + " trailing bytes");
    }
    return new SignedCertificateTimestamp(version, logId, ts, ext, hash, sig, signature);
  }

  private static ByteBuffer need(ByteBuffer b, int n, String what) {
    if (b.remaining() < n) {
      throw new IllegalArgumentException(what + " truncated");
    }
    return b;
  }

  private static int u8(ByteBuffer b, String what) {
    return need(b, 1, what).get() & 0xff;
  }

  private static int u16(ByteBuffer b, String what) {
    return need(b, 2, what).getShort() & 0xffff;
  }

  private static byte[] bytes(ByteBuffer b, int n, String what) {
    byte[] out = new byte[n];
    need(b, n, what).get(out);
    return out;
  }
}
