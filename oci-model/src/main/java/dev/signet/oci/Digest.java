package dev.signet.oci;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A content digest such as {@code sha256:2c26b4…}. Only sha256 and sha512 are accepted, with lower-case
 * hex of the exact length, as the OCI image spec requires for registered algorithms.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

  public static final String SHA256 = "sha256";
  public static final String SHA512 = "sha512";

  public Digest {
    int expected = hexLength(algorithm);
    if (expected < 0) {
      throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
    }
    if (hex == null || hex.length() != expected || !isLowerHex(hex)) {
      throw new IllegalArgumentException("invalid " + algorithm + " hex: " + hex);
    }
  }

  /** Parses {@code algorithm:hex}. */
  public static Digest parse(String value) throws InvalidDigestException {
    if (value == null) {
      throw new InvalidDigestException("digest is missing");
    }
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw new InvalidDigestException("invalid digest \"" + value + "\": expected algorithm:hex");
    }
    String algorithm = value.substring(0, colon);
    String hex = value.substring(colon + 1);
    int expected = hexLength(algorithm);
    if (expected < 0) {
      throw new InvalidDigestException(
          "unsupported digest algorithm \"" + algorithm + "\" in \"" + value + "\": use sha256 or sha512");
    }
    if (hex.length() != expected || !isLowerHex(hex)) {
      throw new InvalidDigestException(
          "invalid digest \"" + value + "\": " + algorithm + " needs " + expected + " lower-case hex characters");
    }
    return new Digest(algorithm, hex);
  }

  /** True when {@code value} parses as a digest. */
  public static boolean isDigest(String value) {
    try {
      parse(value);
      return true;
    } catch (InvalidDigestException e) {
      return false;
    }
  }

  public static Digest sha256(byte[] content) {
    return of(SHA256, content);
  }

  public static Digest of(String algorithm, byte[] content) {
    return new Digest(algorithm, HexFormat.of().formatHex(newMessageDigest(algorithm).digest(content)));
  }

  /** Digests a stream to its end with the given algorithm. */
  public static Digest of(String algorithm, InputStream in) throws IOException {
    MessageDigest md = newMessageDigest(algorithm);
    byte[] buf = new byte[64 * 1024];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
  }

  /** A fresh JCA digest for this digest's algorithm, e.g. to verify streamed content. */
  public MessageDigest newMessageDigest() {
    return newMessageDigest(algorithm);
  }

  /** True when {@code content} hashes to this digest. */
  public boolean matches(byte[] content) {
    return MessageDigest.isEqual(
        HexFormat.of().parseHex(hex), newMessageDigest(algorithm).digest(content));
  }

  /** The raw hash bytes. */
  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  /** {@code sha256-<hex>}: the form cosign and the referrers tag schema use inside tag names. */
  public String tagForm() {
    return algorithm + "-" + hex;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  @Override
  public int compareTo(Digest other) {
    return toString().compareTo(other.toString());
  }

  private static MessageDigest newMessageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }

  private static int hexLength(String algorithm) {
    if (SHA256.equals(algorithm)) {
      return 64;
    }
    if (SHA512.equals(algorithm)) {
      return 128;
    }
    return -1;
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
