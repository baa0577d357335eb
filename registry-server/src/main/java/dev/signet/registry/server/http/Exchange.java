package dev.signet.registry.server.http;

import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.auth.Access;
import dev.signet.registry.server.auth.GateRequest;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.auth.Role;
import dev.signet.registry.server.service.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its response, with the little the handlers need: raw path, headers, query
 * parameters, a blocking body stream, and senders that complete the exchange (HEAD answers carry the
 * headers of the GET, without a body). Keeps Jetty out of the handlers' signatures.
 */
final class Exchange {
  private static final int COPY_BUFFER = 256 * 1024;
  private static final long MAP_CHUNK = 1L << 30;
  /** How much of an oversized body is read and discarded before refusing it. */
  private static final long DRAIN_LIMIT = 64L << 20;

  private final Request request;
  private final Response response;
  private final Callback callback;
  private Fields query;
  private Principal principal = Principal.ANONYMOUS;
  private Access access = Access.OPEN;

  Exchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  String method() {
    return request.getMethod();
  }

  boolean isHead() {
    return "HEAD".equals(request.getMethod());
  }

  /** The path as sent (still percent-encoded). */
  String rawPath() {
    return request.getHttpURI().getPath();
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  /** All values of a comma-separated header such as {@code If-Match}. */
  List<String> csvHeader(String name) {
    return request.getHeaders().getCSV(name, false);
  }

  Optional<String> query(String name) {
    return Optional.ofNullable(params().getValue(name)).filter(v -> !v.isEmpty());
  }

  List<String> queryAll(String name) {
    List<String> out = new ArrayList<>();
    params().getValuesOrEmpty(name).stream().filter(v -> !v.isEmpty()).forEach(out::add);
    return out;
  }

  private Fields params() {
    if (query == null) {
      try {
        query = Request.extractQueryParameters(request);
      } catch (RuntimeException e) { // invalid percent-encoding or UTF-8: the client's mistake
        throw new BadQueryException(request.getHttpURI().getQuery(), e);
      }
    }
    return query;
  }

  /** {@code Content-Length}, or -1 when the body is chunked or absent. */
  long contentLength() {
    return request.getLength();
  }

  /** The request body; read failures (client gone, short body) surface as {@link ClientBodyException}. */
  InputStream body() {
    return new ClientInputStream(Content.Source.asInputStream(request));
  }

  /**
   * Reads the whole body, refusing more than {@code max} bytes with 413. An oversized body is read and
   * discarded (up to {@link #DRAIN_LIMIT}) first, so the client, still sending, gets to read the answer
   * instead of a connection reset.
   */
  byte[] readBody(int max, ErrorCode tooLarge) throws RegistryException {
    try (InputStream in = body()) {
      byte[] bytes = contentLength() > max ? null : in.readNBytes(max + 1);
      if (bytes == null || bytes.length > max) {
        drain(in);
        throw RegistryException.withStatus(tooLarge, 413, "body larger than " + max + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new ClientBodyException(e);
    }
  }

  /**
   * Best effort: reads and discards what is left of the request body (up to {@link #DRAIN_LIMIT}), so an
   * early error answer reaches a client that is still sending instead of being lost to a reset.
   */
  void discardBody() {
    try (InputStream in = Content.Source.asInputStream(request)) {
      drain(in);
    } catch (IOException | RuntimeException ignored) {
      // the client is gone or the body was consumed; nothing to protect
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[64 * 1024];
    for (long left = DRAIN_LIMIT; left > 0; ) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        return;
      }
      left -= n;
    }
  }

  void setHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  void addHeader(String name, String value) {
    response.getHeaders().add(name, value);
  }

  boolean isCommitted() {
    return response.isCommitted();
  }

  /** Completes with a status and no body. */
  void send(int status) {
    response.setStatus(status);
    response.getHeaders().put("Content-Length", "0");
    response.write(true, null, callback);
  }

  /** Completes with a body (left out for HEAD, whose Content-Length still tells its size). */
  void send(int status, String contentType, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", contentType);
    response.getHeaders().put("Content-Length", String.valueOf(body.length));
    response.write(true, isHead() ? null : ByteBuffer.wrap(body), callback);
  }

  /** Streams {@code length} bytes of {@code channel} from {@code offset}, then closes it. */
  void send(int status, String contentType, SeekableByteChannel channel, long offset, long length) {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", contentType);
    response.getHeaders().put("Content-Length", String.valueOf(length));
    Callback closing = Callback.from(callback, () -> closeQuietly(channel));
    if (isHead() || length == 0) {
      response.write(true, null, closing);
      return;
    }
    if (channel instanceof FileChannel file) {
      try {
        Content.copy(Content.Source.from(mapped(file, offset, length)), response, closing);
        return;
      } catch (IOException | UnsupportedOperationException e) {
        // not mappable: fall back to buffered copying
      }
    }
    ByteBufferPool.Sized pool = new ByteBufferPool.Sized(request.getComponents().getByteBufferPool(), true,
        COPY_BUFFER);
    Content.copy(Content.Source.from(pool, channel, offset, length), response, closing);
  }

  /**
   * The region as memory-mapped buffers, so the socket is written straight from the page cache (one copy
   * fewer than reading into a buffer first). Blobs are immutable, and deleting one keeps its mapping valid.
   */
  private static ByteBuffer[] mapped(FileChannel file, long offset, long length) throws IOException {
    int n = (int) ((length + MAP_CHUNK - 1) / MAP_CHUNK);
    ByteBuffer[] out = new ByteBuffer[n];
    for (int i = 0; i < n; i++) {
      long start = offset + (long) i * MAP_CHUNK;
      out[i] = file.map(FileChannel.MapMode.READ_ONLY, start, Math.min(MAP_CHUNK, offset + length - start));
    }
    return out;
  }

  /** Who makes this request: set by the gate in auth mode; {@link Principal#ANONYMOUS} without authentication. */
  Principal principal() {
    return principal;
  }

  /**
   * True when the caller holds {@code role} on {@code repository}'s project and their token (if any) covers
   * it; always true without authentication. For project-level questions use {@link #access()} directly.
   */
  boolean allows(String repository, Role role) {
    return access.allowsRepository(principal, repository, role);
  }

  /** The role checks in force ({@link Access#OPEN} without authentication). */
  Access access() {
    return access;
  }

  void authorize(Principal who, Access rules) {
    this.principal = who;
    this.access = rules;
  }

  /** This exchange as the auth gate sees it. */
  GateRequest gateRequest(String repository) {
    return new GateRequest() {
      @Override
      public String method() {
        return Exchange.this.method();
      }

      @Override
      public String path() {
        return rawPath();
      }

      @Override
      public String repository() {
        return repository;
      }

      @Override
      public Optional<String> header(String name) {
        return Exchange.this.header(name);
      }

      @Override
      public Optional<String> query(String name) {
        return Exchange.this.query(name);
      }

      @Override
      public String baseUrl() {
        return request.getHttpURI().getScheme() + "://" + request.getHttpURI().getAuthority();
      }

      @Override
      public String remoteAddress() {
        return Request.getRemoteAddr(request);
      }

      @Override
      public void setResponseHeader(String name, String value) {
        setHeader(name, value);
      }

      @Override
      public void ignoreQuery(String name) {
        params().remove(name);
      }
    };
  }

  /** Fails the exchange (used when an error happens after the response was committed). */
  void fail(Throwable t) {
    callback.failed(t);
  }

  private static void closeQuietly(SeekableByteChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // reading is done
    }
  }

  /** The client's body could not be read: the client's problem, not the server's. */
  /** A query string that cannot be decoded (answered 400, never 500). */
  static final class BadQueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadQueryException(String query, Throwable cause) {
      super("the query string cannot be decoded (invalid percent-encoding or UTF-8)", cause);
    }
  }

  static final class ClientBodyException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    ClientBodyException(IOException cause) {
      super("request body could not be read: " + cause.getMessage(), cause);
    }
  }

  /** Turns read failures into {@link ClientBodyException}s so storage code can tell them apart. */
  private static final class ClientInputStream extends InputStream {
    private final InputStream in;

    ClientInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() {
      try {
        return in.read();
      } catch (IOException e) {
        throw new ClientBodyException(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw new ClientBodyException(e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
