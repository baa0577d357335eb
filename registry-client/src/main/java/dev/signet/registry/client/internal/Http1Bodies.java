package dev.signet.registry.client.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * HTTP/1.1 response bodies read from an {@link Http1Connection}: a fixed length, chunked transfer coding
 * (trailers skipped) or until the peer closes. Reading to the end hands the connection back; closing early
 * closes it (the rest of the body would otherwise be read as the next answer).
 */
final class Http1Bodies {
  private Http1Bodies() {}

  /** Bytes read to finish an abandoned body so its connection can be reused. */
  static final long DRAIN_LIMIT = 64 * 1024;

  private abstract static class Body extends InputStream {
    final Http1Connection conn;
    private final Runnable onDone;
    private final Runnable onAbandon;
    boolean finished;
    private boolean closed;

    Body(Http1Connection conn, Runnable onDone, Runnable onAbandon) {
      this.conn = conn;
      this.onDone = onDone;
      this.onAbandon = onAbandon;
    }

    final void finish() {
      if (!finished) {
        finished = true;
        if (!closed) {
          closed = true;
          onDone.run();
        }
      }
    }

    @Override
    public final int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
      if (closed) {
        if (finished) {
          return -1;
        }
        throw new IOException("response body already closed");
      }
      if (len == 0) {
        return 0;
      }
      try {
        return readBody(b, off, len);
      } catch (IOException e) {
        conn.markBroken();
        throw e;
      }
    }

    abstract int readBody(byte[] b, int off, int len) throws IOException;

    /**
     * Closing before the end reads up to {@link #DRAIN_LIMIT} more bytes (a 401's or an error's small body)
     * so the connection can carry the next request; past that the connection is closed.
     */
    @Override
    public final void close() {
      if (closed) {
        return;
      }
      if (!finished && drainable()) {
        try {
          byte[] buf = new byte[8192];
          long budget = DRAIN_LIMIT;
          while (budget > 0 && !finished) {
            int n = readBody(buf, 0, (int) Math.min(buf.length, budget));
            if (n < 0) {
              break;
            }
            budget -= n;
          }
        } catch (IOException e) {
          conn.markBroken();
        }
      }
      if (!closed) {
        closed = true;
        if (!finished) {
          conn.markBroken();
          onAbandon.run();
        }
      }
    }

    boolean drainable() {
      return true;
    }
  }

  static final class Fixed extends Body {
    private long remaining;

    Fixed(Http1Connection conn, long length, Runnable onDone, Runnable onAbandon) {
      super(conn, onDone, onAbandon);
      this.remaining = length;
    }

    @Override
    boolean drainable() {
      return remaining <= DRAIN_LIMIT;
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      if (remaining == 0) {
        finish();
        return -1;
      }
      int n = conn.in().read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new EOFException("connection to " + conn.origin() + " closed with " + remaining
            + " bytes of the body missing");
      }
      remaining -= n;
      if (remaining == 0) {
        finish();
      }
      return n;
    }
  }

  static final class Chunked extends Body {
    private long chunkLeft = -1;

    Chunked(Http1Connection conn, Runnable onDone, Runnable onAbandon) {
      super(conn, onDone, onAbandon);
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      if (finished) {
        return -1;
      }
      if (chunkLeft <= 0) {
        if (chunkLeft == 0) {
          expectCrlf();
        }
        chunkLeft = nextChunkSize();
        if (chunkLeft == 0) {
          while (!conn.readLine(false).isEmpty()) {
            // Trailer fields: nothing here needs them.
          }
          finish();
          return -1;
        }
      }
      int n = conn.in().read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new EOFException("connection to " + conn.origin() + " closed inside a chunk");
      }
      chunkLeft -= n;
      return n;
    }

    private void expectCrlf() throws IOException {
      if (!conn.readLine(false).isEmpty()) {
        throw new ProtocolException("chunk from " + conn.origin() + " is longer than its declared size");
      }
    }

    private long nextChunkSize() throws IOException {
      String line = conn.readLine(false);
      int semi = line.indexOf(';');
      String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
      try {
        long size = Long.parseLong(hex, 16);
        if (size < 0) {
          throw new NumberFormatException(hex);
        }
        return size;
      } catch (NumberFormatException e) {
        throw new ProtocolException("bad chunk size from " + conn.origin() + ": " + hex);
      }
    }
  }

  static final class UntilClose extends Body {
    UntilClose(Http1Connection conn, Runnable onAbandon) {
      super(conn, conn::close, onAbandon);
    }

    @Override
    boolean drainable() {
      return false;
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      int n = conn.in().read(b, off, len);
      if (n < 0) {
        finish();
      }
      return n;
    }
  }
}
