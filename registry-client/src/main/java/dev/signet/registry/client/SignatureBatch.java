package dev.signet.registry.client;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Signet registry's batch read of signatures ({@code POST /v2/<name>/_signet/signatures}): for each
 * subject asked about, its digest, its referrers with their manifests and small blobs, and its legacy
 * {@code .sig} / {@code .att} images. Every manifest and blob here was checked against its digest when
 * the answer was read; a subject whose content did not match carries a {@link Subject#problem()} and
 * none of the content.
 *
 * @param subjects by subject exactly as asked (a digest string or a tag)
 */
public record SignatureBatch(Map<String, Subject> subjects) {

  public SignatureBatch {
    subjects = Map.copyOf(subjects);
  }

  /**
   * One subject's answer.
   *
   * @param digest the subject manifest's digest; empty with {@code error} when the registry has no such manifest
   * @param mediaType the subject manifest's media type (null when unknown)
   * @param size the subject manifest's size
   * @param referrers what {@code GET /v2/<name>/referrers/<digest>} lists, each with its manifest
   * @param legacy the cosign {@code sha256-<hex>.sig} image, when the tag exists
   * @param attestations the cosign {@code sha256-<hex>.att} image, when the tag exists
   * @param error the registry's error for this subject (e.g. MANIFEST_UNKNOWN)
   * @param problem why this subject's answer is unusable (a manifest or blob that does not match its digest)
   */
  public record Subject(Optional<Digest> digest, String mediaType, long size, List<Referrer> referrers,
      Optional<Attached> legacy, Optional<Attached> attestations, Optional<RegistryError> error,
      Optional<String> problem) {
    public Subject {
      referrers = List.copyOf(referrers);
    }

    /** A subject the batch could not answer usefully. */
    public static Subject failed(Optional<RegistryError> error, String problem) {
      return new Subject(Optional.empty(), null, 0, List.of(), Optional.empty(), Optional.empty(), error,
          Optional.ofNullable(problem));
    }

    /** True when the answer can stand in for the per-subject requests. */
    public boolean usable() {
      return digest.isPresent() && error.isEmpty() && problem.isEmpty();
    }
  }

  /**
   * A referrer as the referrers API lists it, with its manifest bytes (digest-checked against the
   * descriptor) and the layer blobs the registry inlined (each digest-checked).
   */
  public record Referrer(Descriptor descriptor, byte[] manifest, Map<Digest, byte[]> blobs) {
    public Referrer {
      manifest = manifest.clone();
      blobs = Map.copyOf(blobs);
    }

    @Override
    public byte[] manifest() {
      return manifest.clone();
    }
  }

  /** A legacy signature or attestation image under its cosign tag, digest-checked, with inlined blobs. */
  public record Attached(String tag, Digest digest, String mediaType, byte[] manifest, Map<Digest, byte[]> blobs) {
    public Attached {
      manifest = manifest.clone();
      blobs = Map.copyOf(blobs);
    }

    @Override
    public byte[] manifest() {
      return manifest.clone();
    }
  }
}
