package dev.signet.sigstore.log.note;

import java.util.Base64;

/** The body of a C2SP checkpoint: origin, decimal size and base64 root, each ending in a newline. */
public final class CheckpointText {
  private CheckpointText() {}

  public static String of(String origin, long size, byte[] root) {
    if (origin.isEmpty() || origin.contains("\n")) {
      throw new IllegalArgumentException("bad checkpoint origin \"" + origin + "\"");
    }
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
  }
}
