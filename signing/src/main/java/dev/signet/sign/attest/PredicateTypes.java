package dev.signet.sign.attest;

import dev.signet.sign.SigningException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * cosign's {@code --type} values ({@code cmd/cosign/cli/options/predicate.go}): a short name mapped to
 * its predicate type URI, or any absolute URI taken as it is.
 */
public final class PredicateTypes {
  public static final String CUSTOM = "https://cosign.sigstore.dev/attestation/v1";
  public static final String VULN = "https://cosign.sigstore.dev/attestation/vuln/v1";
  public static final String SLSA_02 = "https://slsa.dev/provenance/v0.2";
  public static final String SLSA_1 = "https://slsa.dev/provenance/v1";
  public static final String SPDX = "https://spdx.dev/Document";
  public static final String CYCLONEDX = "https://cyclonedx.org/bom";
  public static final String LINK = "https://in-toto.io/Link/v1";
  public static final String OPENVEX = "https://openvex.dev/ns";

  /** Short names in cosign's help order. */
  public static final Map<String, String> ALIASES = aliases();

  private PredicateTypes() {}

  private static Map<String, String> aliases() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("slsaprovenance", SLSA_02);
    m.put("slsaprovenance02", SLSA_02);
    m.put("slsaprovenance1", SLSA_1);
    m.put("link", LINK);
    m.put("spdx", SPDX);
    m.put("spdxjson", SPDX);
    m.put("cyclonedx", CYCLONEDX);
    m.put("vuln", VULN);
    m.put("openvex", OPENVEX);
    m.put("custom", CUSTOM);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The URI for a {@code --type} value: a short name's, or the value itself when it is an absolute URI. */
  public static String resolve(String type) throws SigningException {
    Optional<String> known = alias(type);
    if (known.isPresent()) {
      return known.get();
    }
    if (type != null && isAbsoluteUri(type)) {
      return type;
    }
    throw new SigningException("invalid predicate type: " + type + " (use one of "
        + String.join("|", ALIASES.keySet()) + ", or an absolute URI)");
  }

  /** The URI of a short name, if {@code type} is one. */
  public static Optional<String> alias(String type) {
    return Optional.ofNullable(type == null ? null : ALIASES.get(type));
  }

  /** Go's {@code url.ParseRequestURI} accepts absolute URIs (a scheme) and absolute paths. */
  private static boolean isAbsoluteUri(String s) {
    if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    try {
      URI uri = new URI(s);
      return uri.isAbsolute() || s.startsWith("/");
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
