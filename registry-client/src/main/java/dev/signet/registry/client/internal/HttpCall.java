package dev.signet.registry.client.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request to send: method, absolute URI, headers and an optional in-memory body (in memory so
 * it can be replayed after a 401 or a retryable failure).
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body) {

  public HttpCall {
    headers = Map.copyOf(headers);
  }

  public static HttpCall of(String method, URI uri) {
    return new HttpCall(method, uri, Map.of(), null);
  }

  public HttpCall header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new HttpCall(method, uri, h, body);
  }

  public HttpCall body(byte[] content, String contentType) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("Content-Type", contentType);
    return new HttpCall(method, uri, h, content);
  }
}
