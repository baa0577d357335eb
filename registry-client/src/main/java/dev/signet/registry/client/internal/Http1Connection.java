package dev.signet.registry.client.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 connection (plain or TLS socket): writes a request, reads the status line and headers,
 * and frames the body (fixed length, chunked, or until close). Not thread-safe: one exchange at a time.
 */
final class Http1Connection implements AutoCloseable {
  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 256;

  private final Socket socket;
  private final String origin;
  private final InputStream in;
  private final OutputStream out;
  private boolean reusable = true;
  private boolean used;

  Http1Connection(Socket socket, String origin) throws IOException {
    this.socket = socket;
    this.origin = origin;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
  }

  String origin() {
    return origin;
  }

  /** Whether a previous exchange ran on this connection (a pooled one may have been closed by the peer). */
  boolean used() {
    return used;
  }

  boolean reusable() {
    return reusable && !socket.isClosed();
  }

  /** The answer's head; its body is read with {@link #body}. */
  record Head(int status, Map<String, List<String>> headers) {
    String first(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  /** Writes the request line, {@code headers} (already complete, with Host) and the body. */
  void write(String method, String target, List<String[]> headers, byte[] body) throws IOException {
    used = true;
    StringBuilder sb = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    for (String[] h : headers) {
      if (h[1].indexOf('\r') >= 0 || h[1].indexOf('\n') >= 0 || h[0].indexOf('\r') >= 0 || h[0].indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header " + h[0] + " contains a line break");
      }
      sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  /** Reads the status line and headers, skipping {@code 1xx} interim answers. */
  Head readHead() throws IOException {
    while (true) {
      String status = readLine(true);
      if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
        throw new ProtocolException("not an HTTP/1.x status line from " + origin + ": " + abbreviate(status));
      }
      int code;
      try {
        code = Integer.parseInt(status.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new ProtocolException("bad status code from " + origin + ": " + abbreviate(status));
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int n = 0; ; n++) {
        String line = readLine(false);
        if (line.isEmpty()) {
          break;
        }
        if (n >= MAX_HEADERS) {
          throw new ProtocolException("more than " + MAX_HEADERS + " header lines from " + origin);
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new ProtocolException("bad header line from " + origin + ": " + abbreviate(line));
        }
        headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
            .add(line.substring(colon + 1).trim());
      }
      if (code >= 100 && code < 200 && code != 101) {
        continue;
      }
      if (status.startsWith("HTTP/1.0")) {
        String c = String.valueOf(first(headers, "Connection")).toLowerCase(Locale.ROOT);
        reusable &= c.contains("keep-alive");
      }
      return new Head(code, headers);
    }
  }

  /**
   * The body of the answer to {@code method} with {@code head}; {@code onDone} runs when it has been read to
   * its end (the connection may then carry the next exchange) and {@code onAbandon} when it is closed early.
   */
  InputStream body(String method, Head head, Runnable onDone, Runnable onAbandon) throws IOException {
    String connection = head.first("Connection");
    if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
      reusable = false;
    }
    int s = head.status();
    if ("HEAD".equals(method) || s == 204 || s == 304) {
      onDone.run();
      return InputStream.nullInputStream();
    }
    String te = head.first("Transfer-Encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      return new Http1Bodies.Chunked(this, onDone, onAbandon);
    }
    String cl = head.first("Content-Length");
    if (cl != null) {
      long length;
      try {
        length = Long.parseLong(cl.trim());
      } catch (NumberFormatException e) {
        throw new ProtocolException("bad Content-Length from " + origin + ": " + abbreviate(cl));
      }
      if (length < 0) {
        throw new ProtocolException("negative Content-Length from " + origin);
      }
      if (length == 0) {
        onDone.run();
        return InputStream.nullInputStream();
      }
      return new Http1Bodies.Fixed(this, length, onDone, onAbandon);
    }
    reusable = false;
    return new Http1Bodies.UntilClose(this, onAbandon);
  }

  InputStream in() {
    return in;
  }

  /** A CRLF- (or LF-) terminated line in ISO-8859-1, without the terminator. */
  String readLine(boolean first) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (first && sb.isEmpty()) {
          throw new EOFException("connection to " + origin + " closed before an answer");
        }
        throw new EOFException("connection to " + origin + " closed in the middle of a header line");
      }
      if (b == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      if (sb.length() >= MAX_LINE) {
        throw new ProtocolException("header line longer than " + MAX_LINE + " bytes from " + origin);
      }
      sb.append((char) b);
    }
  }

  java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
    return socket instanceof javax.net.ssl.SSLSocket ssl ? java.util.Optional.of(ssl.getSession())
        : java.util.Optional.empty();
  }

  void setReadTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  void markBroken() {
    reusable = false;
  }

  @Override
  public void close() {
    reusable = false;
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is best effort.
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
