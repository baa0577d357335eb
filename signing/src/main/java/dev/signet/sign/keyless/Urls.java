package dev.signet.sign.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/** URL joining, URL parsing of user input, and the reason text of a service's error answer. */
final class Urls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Urls() {}

  static URI append(URI base, String path) {
    String s = base.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s + path);
  }

  /** An http(s) URL given by the user, or a one-line error naming {@code what}. */
  static URI parse(String url, String what) throws KeylessException {
    try {
      URI u = new URI(url.strip());
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new KeylessException(what + " " + url + " is not an http(s) URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new KeylessException(what + " " + url + " is not a URL: " + e.getMessage(), e);
    }
  }

  /** The {@code message} (or {@code error_description}, {@code error}) of a JSON error body, else the text. */
  static String reason(ServiceHttp.Response r) {
    try {
      JsonNode n = JSON.readTree(r.body());
      if (n != null && n.isObject()) {
        for (String f : new String[] {"message", "error_description", "error"}) {
          if (n.path(f).isTextual() && !n.path(f).asText().isBlank()) {
            return n.path(f).asText().strip();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: the text below
    }
    String t = r.text();
    return t.isEmpty() ? "(no reason given)" : t;
  }
}
