package dev.signet.sign;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import java.util.Optional;

/**
 * An image reference pinned to a digest, with what the registry said about it. {@code mediaType} is
 * empty when the digest was signed without the registry holding it (cosign's {@code SignedUnknown}).
 */
public record ResolvedImage(
    ImageReference reference, Digest digest, Optional<String> mediaType, long size, Optional<byte[]> manifest) {

  /** The reference by digest in the same repository. */
  public ImageReference byDigest() {
    return reference.withDigest(digest);
  }

  public boolean isIndex() {
    return mediaType.map(MediaTypes::isIndex).orElse(false);
  }

  /** The descriptor other manifests use to point at this image ({@code subject}). */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType.orElse(MediaTypes.OCI_MANIFEST), digest, size);
  }
}
