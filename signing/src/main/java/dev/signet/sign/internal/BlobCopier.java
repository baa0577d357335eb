package dev.signet.sign.internal;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.ProgressListener;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies one blob between repositories: skipped when the destination has it, mounted when both sit in
 * the same registry (no bytes move), otherwise streamed (in memory when small, through a temporary file
 * and a chunked upload when large).
 */
public final class BlobCopier {
  /** Blobs up to this size are copied in memory. */
  static final long IN_MEMORY_LIMIT = 16L << 20;
  private static final int CHUNK = 8 << 20;

  /** What happened to a blob. */
  public enum Outcome { SKIPPED, MOUNTED, COPIED }

  private final RegistryClient client;
  private final ProgressListener progress;

  public BlobCopier(RegistryClient client, ProgressListener progress) {
    this.client = client;
    this.progress = progress;
  }

  public Outcome copy(Repository from, Repository to, Digest digest, long size) throws RegistryException, IOException {
    if (client.headBlob(to, digest).isPresent()) {
      return Outcome.SKIPPED;
    }
    if (from.registry().equals(to.registry()) && client.mountBlob(to, from, digest)) {
      return Outcome.MOUNTED;
    }
    if (size >= 0 && size <= IN_MEMORY_LIMIT) {
      client.pushBlob(to, digest, client.getBlob(from, digest, IN_MEMORY_LIMIT));
      return Outcome.COPIED;
    }
    Path tmp = Files.createTempFile("signet-blob-", ".tmp");
    try {
      try (OutputStream out = new Counting(Files.newOutputStream(tmp), digest, size, progress)) {
        client.getBlob(from, digest, out);
      }
      Digest uploaded;
      try (InputStream in = Files.newInputStream(tmp)) {
        uploaded = client.pushBlobChunked(to, in, CHUNK);
      }
      if (!uploaded.equals(digest)) {
        throw new IOException("copy blob " + digest + ": uploaded content hashed to " + uploaded);
      }
      return Outcome.COPIED;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reports bytes written to the listener, at most every 1 MiB. */
  private static final class Counting extends FilterOutputStream {
    private final Digest digest;
    private final long total;
    private final ProgressListener listener;
    private long done;
    private long reported;

    Counting(OutputStream out, Digest digest, long total, ProgressListener listener) {
      super(out);
      this.digest = digest;
      this.total = total;
      this.listener = listener;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      done += len;
      if (done - reported >= (1 << 20) || done == total) {
        reported = done;
        listener.progress(digest, done, total);
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
