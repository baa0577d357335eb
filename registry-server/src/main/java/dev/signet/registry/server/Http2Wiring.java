package dev.signet.registry.server;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The listening connector: HTTP/1.1, plus HTTP/2 when offered — over TLS chosen by ALPN (HTTP/1.1 stays the
 * default for clients that offer nothing), on plain HTTP as h2c (prior knowledge or {@code Upgrade: h2c}).
 */
final class Http2Wiring {
  /**
   * Flow-control credit: what one connection may have buffered unread across its streams, and per stream. The
   * session window bounds a slow handler's memory per connection; the stream window lets one blob upload keep
   * a loopback or LAN link busy.
   */
  static final int SESSION_WINDOW = 8 * 1024 * 1024;
  static final int STREAM_WINDOW = 4 * 1024 * 1024;

  private Http2Wiring() {}

  static ServerConnector connector(Server jetty, HttpConfiguration http, SslContextFactory.Server tls, boolean http2,
      int maxStreams) {
    HttpConnectionFactory h1 = new HttpConnectionFactory(http);
    if (tls == null) {
      return http2 ? new ServerConnector(jetty, h1, window(new HTTP2CServerConnectionFactory(http), maxStreams))
          : new ServerConnector(jetty, h1);
    }
    if (!http2) {
      return new ServerConnector(jetty, new SslConnectionFactory(tls, h1.getProtocol()), h1);
    }
    tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(h1.getProtocol(), "h2");
    alpn.setDefaultProtocol(h1.getProtocol());
    ConnectionFactory h2 = window(new HTTP2ServerConnectionFactory(http), maxStreams);
    return new ServerConnector(jetty, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, h1);
  }

  private static ConnectionFactory window(org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory f,
      int maxStreams) {
    f.setInitialSessionRecvWindow(SESSION_WINDOW);
    f.setInitialStreamRecvWindow(STREAM_WINDOW);
    f.setMaxConcurrentStreams(maxStreams);
    return f;
  }
}
