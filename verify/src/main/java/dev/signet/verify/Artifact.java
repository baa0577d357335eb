package dev.signet.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a signature must be over: the artifact's bytes, or only its digest ({@code sha256:<hex>},
 * {@code sha384:<hex>}, {@code sha512:<hex>}) — for images, the manifest digest that payloads and
 * in-toto subjects name.
 */
public final class Artifact {
  private static final Map<String, String> JCA = Map.of("sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

  private final byte[] bytes;
  private final String algorithm;
  private final byte[] digest;

  private Artifact(byte[] bytes, String algorithm, byte[] digest) {
    this.bytes = bytes;
    this.algorithm = algorithm;
    this.digest = digest;
  }

  /** The artifact itself. */
  public static Artifact of(byte[] bytes) {
    byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
    return new Artifact(copy, "sha256", hash("SHA-256", copy));
  }

  /**
   * Only the artifact's digest.
   *
   * @throws VerificationException (FORMAT) when not {@code <sha256|sha384|sha512>:<lower-case hex>}
   */
  public static Artifact ofDigest(String digest) throws VerificationException {
    int colon = digest == null ? -1 : digest.indexOf(':');
    String alg = colon < 0 ? "" : digest.substring(0, colon);
    String jca = JCA.get(alg);
    String hex = colon < 0 ? "" : digest.substring(colon + 1);
    if (jca == null || !hex.matches("[0-9a-f]+") || hex.length() != 2 * hashLength(jca)) {
      throw new VerificationException(Check.FORMAT, "artifact digest \"" + digest
          + "\" is not sha256:, sha384: or sha512: followed by the lower-case hex digest");
    }
    return new Artifact(null, alg, HexFormat.of().parseHex(hex));
  }

  /** The bytes, when known. */
  public Optional<byte[]> bytes() {
    return Optional.ofNullable(bytes).map(byte[]::clone);
  }

  /** The artifact's digest under a JCA hash name; empty when only another digest is known. */
  public Optional<byte[]> digest(String jcaAlgorithm) {
    if (bytes != null) {
      return Optional.of(hash(jcaAlgorithm, bytes));
    }
    return jcaAlgorithm.equals(JCA.get(algorithm)) ? Optional.of(digest.clone()) : Optional.empty();
  }

  /** {@code <algorithm>:<hex>} of the given digest, or the sha256 of the bytes. */
  public String digestString() {
    return algorithm + ":" + HexFormat.of().formatHex(digest);
  }

  /** The algorithm of {@link #digestString()}. */
  public String digestAlgorithm() {
    return algorithm;
  }

  @Override
  public String toString() {
    return (bytes != null ? "artifact of " + bytes.length + " bytes, " : "artifact ") + digestString();
  }

  static byte[] hash(String jca, byte[] data) {
    try {
      return MessageDigest.getInstance(jca).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unsupported hash " + jca, e);
    }
  }

  private static int hashLength(String jca) {
    return switch (jca) {
      case "SHA-384" -> 48;
      case "SHA-512" -> 64;
      default -> 32;
    };
  }
}
