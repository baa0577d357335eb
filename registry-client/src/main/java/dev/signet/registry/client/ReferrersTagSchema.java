package dev.signet.registry.client;

import dev.signet.cosign.ReferrersFallbackIndex;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageIndex;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import java.util.Optional;

/**
 * The distribution spec's referrers tag schema, for registries without the referrers API: an image
 * index under the tag {@code <alg>-<hex>} of the subject, listing one descriptor per referrer. Updates
 * read-modify-write the index with {@code If-Match} on the ETag read (or {@code If-None-Match: *} when
 * creating it) and start over on 412, so concurrent writers do not lose entries on registries that
 * honour conditional requests.
 */
public final class ReferrersTagSchema {
  private static final int MAX_ATTEMPTS = 5;

  private final RegistryClient client;

  public ReferrersTagSchema(RegistryClient client) {
    this.client = client;
  }

  /** {@code sha256-<hex>}: algorithm cut to 32 and hex to 64 characters, as the spec's main branch says. */
  public static String tagFor(Digest subject) {
    String alg = subject.algorithm().length() > 32 ? subject.algorithm().substring(0, 32) : subject.algorithm();
    String hex = subject.hex().length() > 64 ? subject.hex().substring(0, 64) : subject.hex();
    return alg + "-" + hex;
  }

  /**
   * The descriptor a referrers list holds for a manifest: media type, digest, size, artifactType (the
   * manifest's, else its config media type; an index's own only) and all its annotations.
   */
  public static Descriptor descriptorOf(byte[] manifest, String mediaType) throws ManifestFormatException {
    Digest digest = Digest.sha256(manifest);
    if (MediaTypes.isIndex(mediaType)) {
      ImageIndex index = Manifests.parseIndex(manifest);
      return new Descriptor(mediaType, manifest.length, digest.toString(), index.annotations(), null,
          index.artifactType());
    }
    ImageManifest m = Manifests.parseManifest(manifest);
    return new Descriptor(mediaType, manifest.length, digest.toString(), m.annotations(), null,
        m.effectiveArtifactType());
  }

  /** Adds {@code referrer} to the subject's fallback index; false if it was already listed. */
  public boolean add(Repository repo, Digest subject, Descriptor referrer) throws RegistryException {
    return update(repo, new Subject(repo, subject), referrer, null);
  }

  /** Removes the referrer with {@code digest}; false if it was not listed. */
  public boolean remove(Repository repo, Digest subject, Digest referrer) throws RegistryException {
    return update(repo, new Subject(repo, subject), null, referrer);
  }

  private boolean update(Repository repo, Subject subjectRef, Descriptor toAdd, Digest toRemove) throws RegistryException {
    ImageReference tag = subjectRef.tag();
    PreconditionFailedException lost = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Manifest> current = read(tag);
      ImageIndex index = current.isPresent() ? parse(tag, current.get()) : ReferrersFallbackIndex.empty();
      ImageIndex next = toAdd != null ? ReferrersFallbackIndex.merge(index, toAdd) : ReferrersFallbackIndex.remove(index, toRemove);
      if (next == index && current.isPresent()) {
        return false;
      }
      if (toAdd == null && !current.isPresent()) {
        return false;
      }
      Precondition condition = current.isEmpty()
          ? Precondition.ifNoneMatchAny()
          : current.get().etag().map(Precondition::ifMatch).orElse(Precondition.none());
      try {
        client.putManifest(repo, tag.identifier(), Manifests.toJson(next), MediaTypes.OCI_INDEX, condition);
        return true;
      } catch (PreconditionFailedException e) {
        lost = e;
      }
    }
    throw lost;
  }

  private Optional<Manifest> read(ImageReference tag) throws RegistryException {
    try {
      return Optional.of(client.getManifest(tag));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private static ImageIndex parse(ImageReference tag, Manifest m) throws RegistryException {
    try {
      if (!m.isIndex()) {
        throw new ManifestFormatException("it holds a " + m.mediaType() + ", not an image index");
      }
      return Manifests.parseIndex(m.bytes());
    } catch (ManifestFormatException e) {
      throw new RegistryException("update referrers tag " + tag, "the fallback tag is unusable: " + e.getMessage());
    }
  }

  /** A subject and its fallback tag. */
  private record Subject(Repository repo, Digest digest) {
    ImageReference tag() {
      return tagReference(repo, digest);
    }
  }

  private static ImageReference tagReference(Repository repo, Digest subject) {
    try {
      return ImageReference.of(repo, tagFor(subject));
    } catch (InvalidReferenceException e) {
      throw new IllegalStateException(e);
    }
  }
}
