package dev.signet.testing.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of docker-registry's access log (combined log format), e.g.
 * {@code 127.0.0.1 - - [..] "PATCH /v2/a/b/blobs/uploads/…?_state=… HTTP/1.1" 202 0 "" "signet/0.1"}.
 */
public record LoggedRequest(String method, String uri, int status, String userAgent) {
  private static final Pattern LINE =
      Pattern.compile("^\\S+ \\S+ \\S+ \\[[^]]*] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) \\S+ \"[^\"]*\" \"([^\"]*)\"");

  static Optional<LoggedRequest> parse(String line) {
    Matcher m = LINE.matcher(line);
    return m.find()
        ? Optional.of(new LoggedRequest(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(4)))
        : Optional.empty();
  }

  /** The URI path without the query. */
  public String path() {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }
}
