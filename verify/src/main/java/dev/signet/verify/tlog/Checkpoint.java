package dev.signet.verify.tlog;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The body of a C2SP {@code tlog-checkpoint}: origin, tree size, root hash and optional extension lines
 * (Rekor v1 checkpoints from before December 2023 carry a {@code Timestamp: <ns>} extension).
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    rootHash = rootHash.clone();
    extensions = List.copyOf(extensions);
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /**
   * Parses the signed text of a checkpoint note (ending in a newline).
   *
   * @throws VerificationException (CHECKPOINT) naming the bad line
   */
  public static Checkpoint parse(String text) throws VerificationException {
    if (!text.endsWith("\n")) {
      throw bad("the checkpoint text does not end with a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw bad("the checkpoint has " + lines.length + " lines, needs origin, size and root hash");
    }
    String origin = lines[0];
    if (origin.isEmpty()) {
      throw bad("the checkpoint origin is empty");
    }
    String size = lines[1];
    if (!size.matches("0|[1-9][0-9]{0,18}")) {
      throw bad("the checkpoint tree size \"" + size + "\" is not a decimal number without leading zeros");
    }
    long treeSize;
    try {
      treeSize = Long.parseLong(size);
    } catch (NumberFormatException e) {
      throw bad("the checkpoint tree size \"" + size + "\" is too large");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw bad("the checkpoint root hash \"" + lines[2] + "\" is not valid base64");
    }
    if (root.length != Merkle.HASH_SIZE) {
      throw bad("the checkpoint root hash is " + root.length + " bytes, expected " + Merkle.HASH_SIZE);
    }
    List<String> ext = Arrays.asList(lines).subList(3, lines.length);
    for (String e : ext) {
      if (e.isEmpty()) {
        throw bad("the checkpoint has an empty extension line");
      }
    }
    return new Checkpoint(origin, treeSize, root, ext);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && origin.equals(c.origin) && size == c.size
        && Arrays.equals(rootHash, c.rootHash) && extensions.equals(c.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", size " + size + ", root " + Merkle.hex(rootHash) + "]";
  }

  private static VerificationException bad(String message) {
    return new VerificationException(Check.CHECKPOINT, message);
  }
}
