package dev.signet.sigstore.log.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The published state of a log (the storage SPI's compare-and-set value): tree size, root, the time the
 * last batch was integrated, and the signed checkpoint for that size.
 *
 * @param integratedTime seconds since the epoch of the batch that produced this size
 * @param checkpoint the signed note
 */
public record LogState(long size, byte[] root, long integratedTime, String checkpoint) {
  private static final String MAGIC = "signet-log-state 1\n";

  public LogState {
    root = root.clone();
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  public byte[] encode() {
    return (MAGIC + "size " + size + "\nroot " + Base64.getEncoder().encodeToString(root) + "\ntime " + integratedTime
        + "\n\n" + checkpoint).getBytes(StandardCharsets.UTF_8);
  }

  /** @throws IllegalArgumentException if the bytes are not a state this code wrote */
  public static LogState decode(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    if (!s.startsWith(MAGIC)) {
      throw new IllegalArgumentException("the log state does not start with \"" + MAGIC.trim() + "\"");
    }
    int blank = s.indexOf("\n\n");
    if (blank < 0) {
      throw new IllegalArgumentException("the log state has no checkpoint");
    }
    String[] lines = s.substring(MAGIC.length(), blank).split("\n");
    if (lines.length != 3 || !lines[0].startsWith("size ") || !lines[1].startsWith("root ")
        || !lines[2].startsWith("time ")) {
      throw new IllegalArgumentException("the log state header is malformed");
    }
    return new LogState(Long.parseLong(lines[0].substring(5)), Base64.getDecoder().decode(lines[1].substring(5)),
        Long.parseLong(lines[2].substring(5)), s.substring(blank + 2));
  }
}
