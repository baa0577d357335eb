package dev.signet.oci.internal;

import java.util.Base64;

/** Base64 helpers shared by the payload and bundle models. */
public final class Base64s {
  private Base64s() {}

  /** Standard base64 with padding, as Go's {@code base64.StdEncoding} and protojson write bytes. */
  public static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Decodes what Go's protojson accepts for {@code bytes} fields and go-securesystemslib accepts for
   * DSSE payloads: standard or URL-safe alphabet, with or without padding; padding present but
   * misplaced is rejected.
   *
   * @throws IllegalArgumentException if the text is not base64
   */
  public static byte[] decodeLenient(String text) {
    if (text == null) {
      throw new IllegalArgumentException("base64 value is missing");
    }
    if (text.indexOf('=') >= 0 && text.length() % 4 != 0) {
      throw new IllegalArgumentException("illegal base64 data: bad padding");
    }
    boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    return (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
  }
}
