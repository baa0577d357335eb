package dev.signet.sigstore.log.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A tlog-tiles entry bundle: entries as {@code uint16} big-endian length prefix + bytes. */
public final class EntryBundle {
  /** The largest entry a bundle can hold. */
  public static final int MAX_ENTRY = 65_535;

  private EntryBundle() {}

  public static byte[] encode(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      if (e.length > MAX_ENTRY) {
        throw new IllegalArgumentException("entry of " + e.length + " bytes exceeds " + MAX_ENTRY);
      }
      out.write(e.length >> 8);
      out.write(e.length & 0xff);
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  /** @throws IllegalArgumentException when truncated */
  public static List<byte[]> decode(byte[] bundle) {
    List<byte[]> entries = new ArrayList<>();
    int i = 0;
    while (i < bundle.length) {
      if (i + 2 > bundle.length) {
        throw new IllegalArgumentException("entry bundle truncated in a length prefix at byte " + i);
      }
      int n = ((bundle[i] & 0xff) << 8) | (bundle[i + 1] & 0xff);
      i += 2;
      if (i + n > bundle.length) {
        throw new IllegalArgumentException("entry bundle truncated inside entry " + entries.size());
      }
      byte[] e = new byte[n];
      System.arraycopy(bundle, i, e, 0, n);
      entries.add(e);
      i += n;
    }
    return entries;
  }
}
