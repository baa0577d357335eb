package dev.signet.registry.client;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Talks the OCI distribution protocol to registries. Thread-safe; one instance serves many
 * registries and caches their auth tokens.
 *
 * <p>Failures are {@link RegistryException}s: {@link NotFoundException} only when the registry said the
 * object is absent, {@link RegistryTransportException} when it could not be asked or answered garbage.
 * Look-ups whose absence is a normal outcome return {@link Optional} instead of throwing.
 */
public interface RegistryClient {

  /** {@code HEAD /v2/<name>/manifests/<ref>}: empty when the manifest does not exist. */
  Optional<ManifestHead> headManifest(ImageReference ref) throws RegistryException;

  /**
   * {@code GET /v2/<name>/manifests/<ref>}: the exact bytes, verified against the digest when {@code ref}
   * is a digest and against {@code Docker-Content-Digest} when the registry sends one.
   *
   * @throws NotFoundException when the manifest does not exist
   */
  Manifest getManifest(ImageReference ref) throws RegistryException;

  /**
   * {@code PUT /v2/<name>/manifests/<tagOrDigest>} with {@code Content-Type: mediaType}.
   *
   * @return the digest of {@code body} (checked against the registry's {@code Docker-Content-Digest})
   */
  Digest putManifest(Repository repo, String tagOrDigest, byte[] body, String mediaType) throws RegistryException;

  /**
   * As {@link #putManifest(Repository, String, byte[], String)} but conditional.
   *
   * @throws PreconditionFailedException when the registry answers 412
   */
  Digest putManifest(Repository repo, String tagOrDigest, byte[] body, String mediaType, Precondition precondition)
      throws RegistryException;

  /**
   * {@code DELETE /v2/<name>/manifests/<ref>}.
   *
   * @throws UnsupportedByRegistryException when deletes (or tag deletes) are disabled
   * @throws NotFoundException when there is nothing to delete
   */
  void deleteManifest(ImageReference ref) throws RegistryException;

  /** {@code HEAD /v2/<name>/blobs/<digest>}: the size, or empty when the blob does not exist. */
  Optional<Long> headBlob(Repository repo, Digest digest) throws RegistryException;

  /**
   * {@code GET /v2/<name>/blobs/<digest>} into memory, refusing more than {@code maxBytes}; verified
   * against {@code digest}.
   */
  byte[] getBlob(Repository repo, Digest digest, long maxBytes) throws RegistryException;

  /**
   * Streams a blob into {@code sink} and verifies it once complete; on {@link DigestMismatchException}
   * the caller must discard what was written.
   *
   * @return the number of bytes written
   */
  long getBlob(Repository repo, Digest digest, OutputStream sink) throws RegistryException;

  /**
   * Uploads a blob in one POST + PUT unless the repository already has it.
   *
   * @throws IllegalArgumentException when {@code content} does not hash to {@code digest}
   */
  void pushBlob(Repository repo, Digest digest, byte[] content) throws RegistryException;

  /**
   * Uploads a stream of unknown length in PATCH chunks of {@code chunkSize} bytes ({@code Content-Range}),
   * then closes the session with the computed sha256 digest. The stream is read to its end, not closed.
   *
   * @return the digest of the uploaded content
   */
  Digest pushBlobChunked(Repository repo, InputStream content, int chunkSize) throws RegistryException;

  /**
   * Cross-repository mount ({@code POST …/blobs/uploads/?mount=<digest>&from=<from>}).
   *
   * @return true when mounted (201); false when the registry would not mount (202: the upload session
   *     it opened is cancelled, and the caller should upload)
   */
  boolean mountBlob(Repository to, Repository from, Digest digest) throws RegistryException;

  /** {@code GET /v2/<name>/tags/list}, following {@code Link: <…>; rel="next"} pages. */
  List<String> listTags(Repository repo) throws RegistryException;

  /**
   * The manifests whose {@code subject} is {@code subject}: from {@code GET /v2/<name>/referrers/<digest>}
   * when the registry has the API, else (404, 400, 406, or a non-index answer) from the
   * {@code sha256-<hex>} fallback tag index (absent tag = no referrers). The artifact type filter is
   * applied client-side when the registry did not apply it.
   */
  ReferrersResult referrers(Repository repo, Digest subject, Optional<String> artifactType) throws RegistryException;

  /** True when {@code GET /v2/<name>/referrers/<digest>} answers 200 with an image index. */
  boolean supportsReferrersApi(Repository repo) throws RegistryException;

  /**
   * The Signet registry's batch read of signatures for up to 1,000 {@code subjects} (digests or tags of
   * {@code repo}) in one request: empty when the registry does not offer it (then ask per subject as
   * usual). Every manifest and blob in the answer has been checked against its digest.
   */
  default Optional<SignatureBatch> signatureBatch(Repository repo, List<String> subjects) throws RegistryException {
    return Optional.empty();
  }
}
