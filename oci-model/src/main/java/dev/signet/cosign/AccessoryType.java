package dev.signet.cosign;

import dev.signet.oci.Descriptor;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.MediaTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * What an accessory of an image (legacy tag object or referrer) is, decided by a rule table over the
 * manifest's {@code artifactType}, then its config media type, then its layer media types.
 */
public enum AccessoryType {
  COSIGN_SIGNATURE,
  SIGSTORE_BUNDLE,
  IN_TOTO_ATTESTATION,
  NOTATION_SIGNATURE,
  SBOM_SPDX,
  SBOM_CYCLONEDX,
  OTHER;

  /** Which manifest field a rule looks at. */
  enum Field { ARTIFACT_TYPE, CONFIG, LAYER }

  /** One table row: a field, a media type (exact, or prefix when {@code prefix}), the result. */
  record Rule(Field field, String mediaType, boolean prefix, AccessoryType type) {
    boolean matches(String value) {
      return value != null && (prefix ? value.startsWith(mediaType) : value.equals(mediaType));
    }
  }

  /** Rules in priority order: the first match wins. */
  static final List<Rule> RULES = buildRules();

  /** Classifies from the raw fields; any may be null or empty. */
  public static AccessoryType classify(String artifactType, String configMediaType, List<String> layerMediaTypes) {
    for (Field field : Field.values()) {
      for (Rule rule : RULES) {
        if (rule.field() != field) {
          continue;
        }
        switch (field) {
          case ARTIFACT_TYPE -> {
            if (rule.matches(artifactType)) {
              return rule.type();
            }
          }
          case CONFIG -> {
            if (rule.matches(configMediaType)) {
              return rule.type();
            }
          }
          case LAYER -> {
            if (layerMediaTypes != null && layerMediaTypes.stream().anyMatch(rule::matches)) {
              return rule.type();
            }
          }
        }
      }
    }
    return OTHER;
  }

  public static AccessoryType classify(ImageManifest manifest) {
    List<String> layers = new ArrayList<>();
    manifest.layers().forEach(l -> layers.add(l.mediaType()));
    String config = manifest.config() == null ? null : manifest.config().mediaType();
    return classify(manifest.artifactType(), config, layers);
  }

  /** From a referrers-list entry, where only the artifact type is known. */
  public static AccessoryType classify(Descriptor referrer) {
    return classify(referrer.artifactType(), null, List.of());
  }

  private static List<Rule> buildRules() {
    List<Rule> r = new ArrayList<>();
    for (Field f : List.of(Field.ARTIFACT_TYPE, Field.CONFIG)) {
      r.add(new Rule(f, MediaTypes.SIGSTORE_BUNDLE_PREFIX, true, SIGSTORE_BUNDLE));
      r.add(new Rule(f, MediaTypes.COSIGN_ARTIFACT_SIG, false, COSIGN_SIGNATURE));
      r.add(new Rule(f, "application/vnd.dev.cosign.artifact.att.v1+json", false, IN_TOTO_ATTESTATION));
      r.add(new Rule(f, "application/vnd.cncf.notary.signature", false, NOTATION_SIGNATURE));
      r.add(new Rule(f, MediaTypes.IN_TOTO, false, IN_TOTO_ATTESTATION));
      r.add(new Rule(f, MediaTypes.DSSE_ENVELOPE, false, IN_TOTO_ATTESTATION));
      sboms(r, f);
    }
    r.add(new Rule(Field.LAYER, MediaTypes.SIGSTORE_BUNDLE_PREFIX, true, SIGSTORE_BUNDLE));
    r.add(new Rule(Field.LAYER, MediaTypes.COSIGN_SIMPLESIGNING, false, COSIGN_SIGNATURE));
    r.add(new Rule(Field.LAYER, MediaTypes.DSSE_ENVELOPE, false, IN_TOTO_ATTESTATION));
    r.add(new Rule(Field.LAYER, MediaTypes.IN_TOTO, false, IN_TOTO_ATTESTATION));
    sboms(r, Field.LAYER);
    return List.copyOf(r);
  }

  private static void sboms(List<Rule> r, Field f) {
    for (String spdx : List.of("text/spdx", "text/spdx+json", "text/spdx+xml", "application/spdx+json")) {
      r.add(new Rule(f, spdx, false, SBOM_SPDX));
    }
    for (String cdx : List.of("application/vnd.cyclonedx", "application/vnd.cyclonedx+json", "application/vnd.cyclonedx+xml")) {
      r.add(new Rule(f, cdx, false, SBOM_CYCLONEDX));
    }
  }
}
