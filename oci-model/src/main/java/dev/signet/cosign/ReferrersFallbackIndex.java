package dev.signet.cosign;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageIndex;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.MediaTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The OCI referrers tag-schema index ({@code sha256-<hex>}) for registries without the referrers
 * API. Entries are sorted by digest like go-containerregistry's, but, unlike it, carry the
 * manifest's annotations as well as its {@code artifactType}, as the distribution spec asks.
 */
public final class ReferrersFallbackIndex {
  private ReferrersFallbackIndex() {}

  /** {@code {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}}. */
  public static ImageIndex empty() {
    return ImageIndex.of(List.of());
  }

  /** The index entry for a referrer manifest: media type, size, digest, annotations, artifact type. */
  public static Descriptor entryFor(ImageManifest manifest, byte[] manifestBytes) {
    String mt = manifest.mediaType() == null ? MediaTypes.OCI_MANIFEST : manifest.mediaType();
    return new Descriptor(mt, manifestBytes.length, Digest.sha256(manifestBytes).toString(),
        manifest.annotations(), null, manifest.effectiveArtifactType());
  }

  /**
   * Adds {@code entry} (or replaces an entry with its digest), sorted by digest. Idempotent: merging an
   * entry that is already present unchanged returns {@code existing} itself. A null index starts empty.
   */
  public static ImageIndex merge(ImageIndex existing, Descriptor entry) {
    ImageIndex base = existing == null ? empty() : existing;
    List<Descriptor> next = new ArrayList<>();
    for (Descriptor d : base.manifests()) {
      if (d.digest().equals(entry.digest())) {
        if (d.equals(entry)) {
          return base;
        }
      } else {
        next.add(d);
      }
    }
    next.add(entry);
    return withManifests(base, next);
  }

  /** Removes the entry with {@code digest}; returns {@code existing} itself when there is none. */
  public static ImageIndex remove(ImageIndex existing, Digest digest) {
    List<Descriptor> next = new ArrayList<>();
    for (Descriptor d : existing.manifests()) {
      if (!d.digest().equals(digest.toString())) {
        next.add(d);
      }
    }
    return next.size() == existing.manifests().size() ? existing : withManifests(existing, next);
  }

  public static boolean contains(ImageIndex index, Digest digest) {
    return index.manifests().stream().anyMatch(d -> d.digest().equals(digest.toString()));
  }

  private static ImageIndex withManifests(ImageIndex base, List<Descriptor> manifests) {
    manifests.sort(Comparator.comparing(Descriptor::digest));
    String mt = base.mediaType() == null ? MediaTypes.OCI_INDEX : base.mediaType();
    int schema = base.schemaVersion() == 0 ? 2 : base.schemaVersion();
    return new ImageIndex(schema, mt, manifests, base.annotations(), base.subject(), base.artifactType());
  }
}
