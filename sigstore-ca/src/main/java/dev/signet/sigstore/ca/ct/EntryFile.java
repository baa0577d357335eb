package dev.signet.sigstore.ca.ct;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The log's append-only entry file. Each record is {@code u32 leafLength ‖ u32 extraLength ‖ leaf ‖ extra
 * ‖ u32 CRC-32C of the preceding bytes}. {@link #append} forces the record to disk before it returns.
 * On open, a torn or corrupt tail (a crash during an append that was never acknowledged) is cut off; the
 * records before it are kept. Not thread-safe; {@link CtLog} serialises access.
 */
final class EntryFile implements AutoCloseable {
  private static final int HEADER = 8;
  private static final int MAX_PART = 1 << 24;

  /** One stored entry. */
  record Entry(byte[] leaf, byte[] extra) {}

  private final FileChannel channel;
  private final List<Entry> recovered;
  private final long cutBytes;
  private long end;

  private EntryFile(FileChannel channel, List<Entry> recovered, long end, long cutBytes) {
    this.channel = channel;
    this.recovered = recovered;
    this.end = end;
    this.cutBytes = cutBytes;
  }

  static EntryFile open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long size = ch.size();
      List<Entry> entries = new ArrayList<>();
      long pos = 0;
      while (true) {
        Entry e = read(ch, pos, size);
        if (e == null) {
          break;
        }
        entries.add(e);
        pos += HEADER + e.leaf().length + e.extra().length + 4;
      }
      if (pos < size) {
        ch.truncate(pos);
        ch.force(true);
      }
      return new EntryFile(ch, entries, pos, size - pos);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static Entry read(FileChannel ch, long pos, long size) throws IOException {
    if (size - pos < HEADER + 4) {
      return null;
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    readFully(ch, header, pos);
    int leafLen = header.getInt(0);
    int extraLen = header.getInt(4);
    if (leafLen < 0 || extraLen < 0 || leafLen > MAX_PART || extraLen > MAX_PART
        || size - pos < (long) HEADER + leafLen + extraLen + 4) {
      return null;
    }
    ByteBuffer body = ByteBuffer.allocate(leafLen + extraLen + 4);
    readFully(ch, body, pos + HEADER);
    CRC32C crc = new CRC32C();
    crc.update(header.array());
    crc.update(body.array(), 0, leafLen + extraLen);
    if ((int) crc.getValue() != body.getInt(leafLen + extraLen)) {
      return null;
    }
    byte[] leaf = new byte[leafLen];
    byte[] extra = new byte[extraLen];
    body.get(0, leaf);
    body.get(leafLen, extra);
    return new Entry(leaf, extra);
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b, pos + b.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  /** The entries found on open, in log order. */
  List<Entry> recovered() {
    return recovered;
  }

  /** How many bytes of a torn tail were cut off on open. */
  long cutBytes() {
    return cutBytes;
  }

  /** Appends and fsyncs one record; on failure the file is cut back to its previous end. */
  void append(byte[] leaf, byte[] extra) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(HEADER + leaf.length + extra.length + 4);
    b.putInt(leaf.length).putInt(extra.length).put(leaf).put(extra);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue()).flip();
    try {
      long at = end;
      while (b.hasRemaining()) {
        at += channel.write(b, at);
      }
      channel.force(false);
      end = at;
    } catch (IOException e) {
      try {
        channel.truncate(end);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
