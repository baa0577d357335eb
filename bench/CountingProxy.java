import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 proxy for counting the requests sent to a registry that writes no access log (the Signet
 * registry): {@code java CountingProxy LISTEN_PORT TARGET_HOST:PORT LOGFILE}. Each exchange on a
 * connection is relayed in turn (request head and body by Content-Length or chunked, then the response)
 * and appended to LOGFILE as {@code "METHOD /path HTTP/1.1" STATUS}, the shape bench/bulk.sh parses
 * from distribution's access log. An {@code Upgrade: h2c} offer is dropped, so connections stay
 * HTTP/1.1. For request counts only, never for timings (it adds a hop). LISTEN_PORT 0 picks a port.
 */
public final class CountingProxy {
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String[] target = args[1].split(":");
    PrintStream log = new PrintStream(new java.io.FileOutputStream(args[2], true), true, StandardCharsets.UTF_8);
    try (ServerSocket server = new ServerSocket(port, 512, InetAddress.getLoopbackAddress())) {
      System.out.println("counting proxy listening on 127.0.0.1:" + server.getLocalPort());
      System.out.flush();
      while (true) {
        Socket client = server.accept();
        Thread.ofVirtual().start(() -> serve(client, target[0], Integer.parseInt(target[1]), log));
      }
    }
  }

  private static void serve(Socket client, String host, int port, PrintStream log) {
    try (client; Socket upstream = new Socket(host, port)) {
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      InputStream cin = new BufferedInputStream(client.getInputStream());
      OutputStream cout = client.getOutputStream();
      InputStream uin = new BufferedInputStream(upstream.getInputStream());
      OutputStream uout = upstream.getOutputStream();
      while (true) {
        List<String> request = head(cin);
        if (request == null) {
          return;
        }
        String requestLine = request.get(0);
        List<String> forwarded = new ArrayList<>();
        for (String h : request) {
          String name = h.contains(":") ? h.substring(0, h.indexOf(':')).trim().toLowerCase(Locale.ROOT) : "";
          if (name.equals("upgrade") || name.equals("http2-settings")) {
            continue;
          }
          forwarded.add(name.equals("connection") ? "Connection: keep-alive" : h);
        }
        writeHead(uout, forwarded);
        body(cin, uout, request, false);
        uout.flush();
        List<String> response = head(uin);
        if (response == null) {
          return;
        }
        writeHead(cout, response);
        int status = Integer.parseInt(response.get(0).substring(9, 12));
        boolean noBody = requestLine.startsWith("HEAD ") || status / 100 == 1 || status == 204 || status == 304;
        if (!noBody) {
          body(uin, cout, response, true);
        }
        cout.flush();
        synchronized (log) {
          log.println("\"" + requestLine + "\" " + status);
        }
      }
    } catch (IOException e) {
      // connection closed
    }
  }

  /** The request or status line and header lines, without the blank line; null at end of stream. */
  private static List<String> head(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        s = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        line.reset();
        if (s.isEmpty()) {
          if (lines.isEmpty()) {
            continue;
          }
          return lines;
        }
        lines.add(s);
      } else {
        line.write(b);
      }
    }
    return null;
  }

  private static void writeHead(OutputStream out, List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append("\r\n");
    }
    out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Relays the message body: by Content-Length, chunked, or (responses only) to the end of the stream. */
  private static void body(InputStream in, OutputStream out, List<String> head, boolean response) throws IOException {
    long length = -1;
    boolean chunked = false;
    for (String h : head.subList(1, head.size())) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(h.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      while (true) {
        String size = lineOf(in);
        out.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        int semi = size.indexOf(';');
        long n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
        if (n == 0) {
          for (String t; !(t = lineOf(in)).isEmpty(); ) {
            out.write((t + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          }
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
          return;
        }
        copy(in, out, n);
        lineOf(in);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    if (length >= 0) {
      copy(in, out, length);
    } else if (response) {
      in.transferTo(out);
    }
  }

  private static String lineOf(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    throw new IOException("end of stream in a chunked body");
  }

  private static void copy(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[64 * 1024];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new IOException("end of stream in a body");
      }
      out.write(buf, 0, r);
      n -= r;
    }
  }
}
