package dev.signet.sigstore.ca.ct;

import java.io.ByteArrayOutputStream;

/** TLS presentation-language writing (RFC 5246 §4) for the CT structures: big-endian, length-prefixed vectors. */
final class Tls {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Tls u8(int v) {
    out.write(v);
    return this;
  }

  Tls u16(int v) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException("value " + v + " does not fit 16 bits");
    }
    return u8(v >>> 8).u8(v);
  }

  Tls u24(int v) {
    if (v < 0 || v > 0xffffff) {
      throw new IllegalArgumentException("value " + v + " does not fit 24 bits");
    }
    return u8(v >>> 16).u8(v >>> 8).u8(v);
  }

  Tls u64(long v) {
    for (int s = 56; s >= 0; s -= 8) {
      out.write((int) (v >>> s));
    }
    return this;
  }

  Tls bytes(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  Tls vector16(byte[] b) {
    return u16(b.length).bytes(b);
  }

  Tls vector24(byte[] b) {
    return u24(b.length).bytes(b);
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
