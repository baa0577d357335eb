package dev.signet.verify.tlog;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one or more signature lines
 * {@code — <key name> <base64(4-byte key id ‖ signature)>}. The text is separated from the signatures by
 * the last blank line and is signed together with its final newline.
 *
 * @param text the signed text, ending in {@code \n}
 * @param signatures the signature lines in the order given
 */
public record SignedNote(String text, List<Line> signatures) {
  /** Most signature lines accepted (the spec requires accepting at least 16). */
  public static final int MAX_SIGNATURES = 100;

  private static final String DASH = "\u2014 ";

  /** One signature line. */
  public record Line(String name, byte[] keyId, byte[] signature) {
    public Line {
      Objects.requireNonNull(name, "name");
      keyId = keyId.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] keyId() {
      return keyId.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    public boolean hasKeyId(byte[] id) {
      return Arrays.equals(keyId, id);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Line l && name.equals(l.name) && Arrays.equals(keyId, l.keyId)
          && Arrays.equals(signature, l.signature);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, Arrays.hashCode(keyId), Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
      return name + "+" + HexFormat.of().formatHex(keyId);
    }
  }

  public SignedNote {
    Objects.requireNonNull(text, "text");
    signatures = List.copyOf(signatures);
  }

  /** The signed bytes: the text with its final newline. */
  public byte[] textBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses a signed note.
   *
   * @throws VerificationException (CHECKPOINT) naming what is malformed
   */
  public static SignedNote parse(String note) throws VerificationException {
    if (note == null || note.isEmpty()) {
      throw malformed("the signed note is empty");
    }
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n' || c == 0x7f) {
        throw malformed("the signed note contains control character 0x" + Integer.toHexString(c) + " at " + i);
      }
    }
    if (!note.endsWith("\n")) {
      throw malformed("the signed note does not end with a newline");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw malformed("the signed note has no blank line before its signatures");
    }
    String text = note.substring(0, split + 1);
    String[] lines = note.substring(split + 2).split("\n", -1);
    List<Line> sigs = new ArrayList<>();
    for (int i = 0; i < lines.length - 1; i++) { // the last element is the empty rest after the final \n
      sigs.add(line(lines[i]));
      if (sigs.size() > MAX_SIGNATURES) {
        throw malformed("the signed note has more than " + MAX_SIGNATURES + " signatures");
      }
    }
    if (sigs.isEmpty()) {
      throw malformed("the signed note has no signature lines");
    }
    return new SignedNote(text, sigs);
  }

  private static Line line(String line) throws VerificationException {
    if (!line.startsWith(DASH)) {
      throw malformed("signature line \"" + abbreviate(line) + "\" does not start with an em dash and a space");
    }
    String rest = line.substring(DASH.length());
    int space = rest.indexOf(' ');
    if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
      throw malformed("signature line \"" + abbreviate(line) + "\" is not \"— <name> <base64>\"");
    }
    String name = rest.substring(0, space);
    if (name.contains("+")) {
      throw malformed("key name \"" + name + "\" contains '+'");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(rest.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw malformed("the signature of key \"" + name + "\" is not valid base64");
    }
    if (raw.length < 5) {
      throw malformed("the signature of key \"" + name + "\" is shorter than a key id and a signature");
    }
    return new Line(name, Arrays.copyOfRange(raw, 0, 4), Arrays.copyOfRange(raw, 4, raw.length));
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  private static VerificationException malformed(String message) {
    return new VerificationException(Check.CHECKPOINT, message);
  }
}
