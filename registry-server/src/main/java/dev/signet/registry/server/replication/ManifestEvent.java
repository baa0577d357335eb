package dev.signet.registry.server.replication;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import java.util.List;
import java.util.Optional;

/** A stored manifest, as reported to {@link ManifestListener}. */
record ManifestEvent(String repository, Digest digest, List<String> tags, Optional<Digest> subject) {
  ManifestEvent {
    tags = List.copyOf(tags);
  }

  /**
   * What this manifest is attached to, if it is an accessory: its {@code subject}, or the digest named by a
   * legacy {@code sha256-<hex>.sig|.att|.sbom} tag or a referrers fallback tag {@code sha256-<hex>}.
   */
  Optional<Digest> attachedTo() {
    if (subject.isPresent()) {
      return subject;
    }
    return tags.stream().map(SignatureTags::parse).flatMap(Optional::stream).map(SignatureTags.ParsedTag::digest)
        .findFirst();
  }

  /** True for tags that hold accessories rather than images. */
  static boolean isAccessoryTag(String tag) {
    return SignatureTags.parse(tag).isPresent();
  }
}
