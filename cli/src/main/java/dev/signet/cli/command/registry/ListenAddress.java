package dev.signet.cli.command.registry;

/** {@code HOST:PORT}, {@code [IPv6]:PORT}, or {@code :PORT} (loopback). */
public record ListenAddress(String host, int port) {
  public static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 5000);

  public static ListenAddress parse(String text) {
    String s = text.trim();
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("invalid listen address \"" + text + "\": use HOST:PORT");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      host = DEFAULT.host();
    }
    try {
      int port = Integer.parseInt(s.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new ListenAddress(host, port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid port in listen address \"" + text + "\"");
    }
  }
}
