package dev.signet.registry.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The HTTP layer's Jackson mapper. */
final class HttpJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpJson() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
