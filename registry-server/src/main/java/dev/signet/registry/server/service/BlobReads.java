package dev.signet.registry.server.service;

import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.BlobStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/** Reads small blobs whole, checked against their digest. */
public final class BlobReads {
  private BlobReads() {}

  /** A {@link RunnableContent.BlobReader} over {@code blobs}. */
  public static RunnableContent.BlobReader reader(BlobStore blobs) {
    return (digest, max) -> read(blobs, digest, max);
  }

  /** The blob's bytes, when it exists, is at most {@code maxBytes} long and matches its digest. */
  public static Optional<byte[]> read(BlobStore blobs, Digest digest, long maxBytes) {
    Optional<SeekableByteChannel> ch = blobs.open(digest);
    if (ch.isEmpty()) {
      return Optional.empty();
    }
    try (SeekableByteChannel c = ch.get()) {
      if (c.size() > maxBytes || c.size() > Integer.MAX_VALUE - 16) {
        return Optional.empty();
      }
      ByteBuffer buf = ByteBuffer.allocate((int) c.size());
      while (buf.hasRemaining() && c.read(buf) >= 0) {
        // keep reading
      }
      byte[] bytes = buf.array();
      return !buf.hasRemaining() && digest.matches(bytes) ? Optional.of(bytes) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
