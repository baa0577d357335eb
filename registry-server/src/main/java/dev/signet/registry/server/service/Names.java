package dev.signet.registry.server.service;

import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.registry.client.ErrorCode;
import java.util.regex.Pattern;

/** The distribution spec's grammar for repository names, tags and digests in paths. */
public final class Names {
  /** Longest repository name accepted (clients cap {@code host/name} at 255 characters). */
  public static final int MAX_NAME = 255;
  private static final Pattern NAME = Pattern.compile(
      "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  private Names() {}

  /** Checks a repository name: lower case components, no empty or dot-only components, ≤ 255 chars. */
  public static String repository(String name) throws RegistryException {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      throw RegistryException.of(ErrorCode.NAME_INVALID, "invalid repository name",
          name == null ? null : name.length() > 300 ? name.substring(0, 300) + "…" : name);
    }
    return name;
  }

  public static boolean isTag(String s) {
    return s != null && TAG.matcher(s).matches();
  }

  /** True when the reference is meant as a digest (it has an algorithm separator). */
  public static boolean looksLikeDigest(String reference) {
    return reference.indexOf(':') > 0;
  }

  /** Parses a digest from a path or query parameter; DIGEST_INVALID otherwise. */
  public static Digest digest(String s) throws RegistryException {
    try {
      return Digest.parse(s);
    } catch (InvalidDigestException e) {
      throw RegistryException.of(ErrorCode.DIGEST_INVALID, "invalid digest", e.getMessage());
    }
  }
}
