package dev.signet.registry.server.trust;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Attestation types a policy can require: cosign's {@code attest --type} short names or a predicate
 * type URI.
 */
public final class PredicateTypes {
  /** cosign's short names and the predicate types they stand for. */
  public static final Map<String, String> SHORT_NAMES = shortNames();

  private PredicateTypes() {}

  /**
   * The predicate type URI of a short name or URI.
   *
   * @throws IllegalArgumentException when {@code type} is neither
   */
  public static String resolve(String type) {
    String t = type == null ? "" : type.trim();
    String known = SHORT_NAMES.get(t.toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    try {
      URI uri = new URI(t);
      if (uri.isAbsolute() && uri.getScheme() != null && !t.contains(" ")) {
        return t;
      }
    } catch (URISyntaxException e) {
      // fall through
    }
    throw new IllegalArgumentException("attestation type \"" + t + "\" is neither one of " + SHORT_NAMES.keySet()
        + " nor an absolute predicate type URI");
  }

  private static Map<String, String> shortNames() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("slsaprovenance", "https://slsa.dev/provenance/v0.2");
    m.put("slsaprovenance02", "https://slsa.dev/provenance/v0.2");
    m.put("slsaprovenance1", "https://slsa.dev/provenance/v1");
    m.put("spdx", "https://spdx.dev/Document");
    m.put("spdxjson", "https://spdx.dev/Document");
    m.put("cyclonedx", "https://cyclonedx.org/bom");
    m.put("link", "https://in-toto.io/Link/v1");
    m.put("vuln", "https://cosign.sigstore.dev/attestation/vuln/v1");
    m.put("openvex", "https://openvex.dev/ns");
    m.put("custom", "https://cosign.sigstore.dev/attestation/v1");
    return java.util.Collections.unmodifiableMap(m);
  }
}
