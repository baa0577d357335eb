package dev.signet.sigstore.log.engine;

import dev.signet.sigstore.log.tiles.EntryBundle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Storage paths and encodings of the sequencer's own objects: {@code journal/<start>} (a batch's entries
 * and integration time, written durably before any of its tiles, deleted once published) and
 * {@code batch/<start>} (a published batch's size and integration time, kept for Rekor v1's
 * {@code integratedTime} and for fsck).
 */
final class Journal {
  private Journal() {}

  record Batch(long start, long count, long time) {
    long end() {
      return start + count;
    }
  }

  static String journalPath(long start) {
    return "journal/" + start;
  }

  static String batchPath(long start) {
    return "batch/" + start;
  }

  static byte[] encodeJournal(long time, List<byte[]> entries) {
    byte[] bundle = EntryBundle.encode(entries);
    return ByteBuffer.allocate(8 + bundle.length).putLong(time).put(bundle).array();
  }

  static long journalTime(byte[] journal) {
    return ByteBuffer.wrap(journal).getLong();
  }

  static List<byte[]> journalEntries(byte[] journal) {
    return EntryBundle.decode(Arrays.copyOfRange(journal, 8, journal.length));
  }

  static byte[] encodeBatch(Batch b) {
    return (b.count() + " " + b.time() + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  static Batch decodeBatch(long start, byte[] bytes) {
    String[] f = new String(bytes, StandardCharsets.US_ASCII).trim().split(" ");
    if (f.length != 2) {
      throw new IllegalArgumentException("batch record " + start + " is malformed");
    }
    return new Batch(start, Long.parseLong(f[0]), Long.parseLong(f[1]));
  }
}
