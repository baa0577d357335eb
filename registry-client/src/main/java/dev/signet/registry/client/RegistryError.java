package dev.signet.registry.client;

/**
 * One entry of a registry's error body.
 *
 * @param code the parsed code ({@link ErrorCode#UNKNOWN} when unlisted)
 * @param rawCode the code string exactly as sent (may be null)
 * @param message the human message (may be null)
 * @param detail the {@code detail} value rendered as compact JSON (may be null)
 */
public record RegistryError(ErrorCode code, String rawCode, String message, String detail) {

  public static RegistryError of(ErrorCode code, String message) {
    return new RegistryError(code, code.name(), message, null);
  }

  /** {@code MANIFEST_UNKNOWN manifest unknown}, as used in exception messages. */
  @Override
  public String toString() {
    String c = rawCode != null ? rawCode : code.name();
    return message == null || message.isEmpty() ? c : c + " " + message;
  }
}
