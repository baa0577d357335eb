package dev.signet.cosign;

import dev.signet.oci.Digest;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tag names of cosign's legacy attachments ({@code [prefix]sha256-<hex>.sig|.att|.sbom}) and of the
 * OCI referrers fallback tag ({@code sha256-<hex>}).
 */
public final class SignatureTags {

  /** What a tag holds; {@link #REFERRERS_FALLBACK} has no suffix. */
  public enum Kind {
    SIGNATURE("sig"),
    ATTESTATION("att"),
    SBOM("sbom"),
    REFERRERS_FALLBACK(null);

    private final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }

    /** {@code sig}, {@code att}, {@code sbom}, or null for the referrers fallback. */
    public String suffix() {
      return suffix;
    }
  }

  /** A parsed tag. {@code prefix} is {@code ""} unless cosign's {@code --attachment-tag-prefix} was used. */
  public record ParsedTag(String prefix, Digest digest, Kind kind) {
    public ParsedTag {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(kind, "kind");
    }
  }

  private static final Pattern TAG =
      Pattern.compile("(.*?)(sha256|sha512)-([0-9a-f]{64}|[0-9a-f]{128})(?:\\.(sig|att|sbom))?");

  private SignatureTags() {}

  /** {@code <alg>-<hex>.<suffix>}, or {@code <alg>-<hex>} for the referrers fallback. */
  public static String tag(Digest digest, Kind kind) {
    return tag("", digest, kind);
  }

  /**
   * As {@link #tag(Digest, Kind)} with a prefix (cosign's deprecated {@code --attachment-tag-prefix});
   * the referrers fallback tag ignores the prefix, as ggcr does.
   */
  public static String tag(String prefix, Digest digest, Kind kind) {
    if (kind == Kind.REFERRERS_FALLBACK) {
      return referrersFallbackTag(digest);
    }
    return (prefix == null ? "" : prefix) + digest.algorithm() + "-" + digest.hex() + "." + kind.suffix();
  }

  public static String signatureTag(Digest digest) {
    return tag(digest, Kind.SIGNATURE);
  }

  public static String attestationTag(Digest digest) {
    return tag(digest, Kind.ATTESTATION);
  }

  public static String sbomTag(Digest digest) {
    return tag(digest, Kind.SBOM);
  }

  /**
   * The OCI distribution-spec referrers tag: {@code <alg>-<hex>}, algorithm truncated to 32 and hex to
   * 64 characters (no change for sha256, which is what ggcr writes).
   */
  public static String referrersFallbackTag(Digest digest) {
    String alg = digest.algorithm().length() > 32 ? digest.algorithm().substring(0, 32) : digest.algorithm();
    String hex = digest.hex().length() > 64 ? digest.hex().substring(0, 64) : digest.hex();
    return alg + "-" + hex;
  }

  /** Parses any of the tag forms; empty if the tag is not one of them. */
  public static Optional<ParsedTag> parse(String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    Matcher m = TAG.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    String alg = m.group(2);
    String hex = m.group(3);
    if (hex.length() != (Digest.SHA256.equals(alg) ? 64 : 128)) {
      return Optional.empty();
    }
    String suffix = m.group(4);
    Kind kind = suffix == null ? Kind.REFERRERS_FALLBACK : kindOf(suffix);
    if (kind == Kind.REFERRERS_FALLBACK && !m.group(1).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ParsedTag(m.group(1), new Digest(alg, hex), kind));
  }

  /** Parses a tag that must carry exactly {@code prefix}. */
  public static Optional<ParsedTag> parse(String prefix, String tag) {
    return parse(tag).filter(p -> p.prefix().equals(prefix == null ? "" : prefix));
  }

  private static Kind kindOf(String suffix) {
    for (Kind k : Kind.values()) {
      if (suffix.equals(k.suffix)) {
        return k;
      }
    }
    throw new IllegalStateException(suffix);
  }
}
