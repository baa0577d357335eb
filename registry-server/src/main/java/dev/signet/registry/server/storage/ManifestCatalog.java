package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Repositories, manifests and tags. */
public interface ManifestCatalog {

  boolean repositoryExists(String repository);

  /** Repository names in lexical order, starting after {@code last} (null: from the start). */
  Page<String> repositories(String last, int limit);

  Optional<ManifestRecord> manifest(String repository, Digest digest);

  /** The manifest a tag points at, read in one snapshot. */
  Optional<ManifestRecord> manifestByTag(String repository, String tag);

  /** The digest a tag points at. */
  Optional<Digest> resolveTag(String repository, String tag);

  /**
   * Applies a manifest PUT in one transaction: checks the condition and the references, stores the
   * manifest unless present, records references and links, and points the tags at it.
   *
   * @return true when the manifest was new in the repository
   */
  default boolean putManifest(ManifestWrite write) throws MissingReferenceException, ConditionFailedException {
    return putManifest(write, digest -> true);
  }

  /**
   * {@link #putManifest(ManifestWrite)}, where a referenced blob must also be in the blob store
   * ({@code stored}, asked inside the write transaction: garbage collection deletes content under the
   * same lock, so a manifest is never stored over a blob a sweep just removed).
   */
  boolean putManifest(ManifestWrite write, java.util.function.Predicate<Digest> stored)
      throws MissingReferenceException, ConditionFailedException;

  /**
   * Deletes a manifest, every tag on it and, recursively, its accessories, in one transaction. Blobs are
   * left for GC. An accessory goes only when {@code rule} says it refers to the deleted subject, and it
   * is not tagged other than by a deleted subject's accessory tags, not listed by a surviving index, and
   * not attached to another surviving subject.
   *
   * @return the deleted manifests (empty when {@code digest} was not there)
   */
  List<Digest> deleteManifest(String repository, Digest digest, CascadeRule rule);

  /** {@link #deleteManifest(String, Digest, CascadeRule)} following {@link CascadeRule#SUBJECT_FIELD} links. */
  default List<Digest> deleteManifest(String repository, Digest digest) {
    return deleteManifest(repository, digest, CascadeRule.SUBJECT_FIELD);
  }

  /**
   * Deletes one tag and, in the same transaction, the accessory links of the given kinds from
   * {@code subject} (used to detach legacy cosign signatures when their tag is deleted). Manifests stay.
   *
   * @return false when the tag did not exist
   */
  boolean deleteTag(String repository, String tag, Digest subject, Set<LinkKind> detach);

  /** Tag names in lexical order, starting after {@code last}. */
  Page<String> tags(String repository, String last, int limit);
}
