package dev.signet.oci.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper of the OCI model: compact output with Go {@code encoding/json} rules (map keys
 * sorted, HTML-safe escapes; see {@link GoJson}), unknown fields ignored on read.
 */
public final class Json {
  public static final ObjectMapper MAPPER = GoJson.newMapper();

  private Json() {}

  public static byte[] write(Object value) {
    return GoJson.write(MAPPER, value);
  }
}
