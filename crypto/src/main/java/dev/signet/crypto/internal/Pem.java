package dev.signet.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * PEM (RFC 7468) reading and writing with Go {@code encoding/pem} semantics: the first
 * well-formed block wins, text around blocks is ignored, {@code Key: value} header lines are
 * skipped, and the base64 body must be strictly valid (a block with a bad body is skipped).
 * Writing produces 64-character lines, a trailing newline and no headers.
 */
public final class Pem {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  /** One decoded PEM block. */
  public static final class Block {
    private final String label;
    private final byte[] bytes;

    Block(String label, byte[] bytes) {
      this.label = label;
      this.bytes = bytes;
    }

    /** The type between {@code BEGIN} and the dashes, e.g. {@code "PUBLIC KEY"}. */
    public String label() {
      return label;
    }

    /** The decoded body (the caller owns the array and may zero it). */
    public byte[] bytes() {
      return bytes;
    }
  }

  private Pem() {}

  /** Whether the data contains a PEM begin marker at all (to tell PEM from DER or garbage). */
  public static boolean hasBeginMarker(byte[] data) {
    return new String(data, StandardCharsets.ISO_8859_1).contains(BEGIN);
  }

  /** The first well-formed PEM block in {@code data}, or empty when there is none. */
  public static Optional<Block> decodeFirst(byte[] data) {
    String[] lines = new String(data, StandardCharsets.ISO_8859_1).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripTrailing(lines[i]);
      if (line.startsWith(BEGIN) && line.endsWith(DASHES) && line.length() > BEGIN.length() + 5) {
        String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
        Optional<Block> block = decodeBody(lines, i + 1, label);
        if (block.isPresent()) {
          return block;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Block> decodeBody(String[] lines, int start, String label) {
    int i = start;
    while (i < lines.length && lines[i].indexOf(':') >= 0) {
      i++; // RFC 1421 style headers ("Proc-Type: ...") are skipped, as Go does.
    }
    StringBuilder body = new StringBuilder();
    String endLine = END + label + DASHES;
    for (; i < lines.length; i++) {
      String line = stripTrailing(lines[i]);
      if (line.equals(endLine)) {
        try {
          byte[] bytes = Base64.getDecoder().decode(body.toString());
          return Optional.of(new Block(label, bytes));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
      if (line.startsWith(BEGIN) || line.startsWith(END)) {
        return Optional.empty();
      }
      body.append(line.replace(" ", "").replace("\t", ""));
    }
    return Optional.empty();
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == ' '
        || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return s.substring(0, end);
  }

  /** PEM text for {@code der}: 64-character base64 lines, trailing newline, no headers. */
  public static String encode(String label, byte[] der) {
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder sb = new StringBuilder(b64.length() + b64.length() / 64 + 2 * label.length() + 32);
    sb.append(BEGIN).append(label).append(DASHES).append('\n');
    for (int i = 0; i < b64.length(); i += 64) {
      sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    sb.append(END).append(label).append(DASHES).append('\n');
    return sb.toString();
  }
}
