package dev.signet.sign;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.ReferrersTagSchema;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.UnsupportedByRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes accessories of an image: legacy tags (deleted as tags, or by digest on registries that refuse
 * tag deletion, like cosign), and bundle referrers, which are also dropped from the fallback index (the
 * fallback tag itself is deleted once empty). Deleting what is already gone is not an error.
 */
public final class SignatureCleaner {
  private final RegistryClient client;
  private final AccessoryScanner scanner;

  public SignatureCleaner(RegistryClient client) {
    this.client = client;
    this.scanner = new AccessoryScanner(client);
  }

  /** Removes the accessories {@code type} selects from {@code repo} for {@code subject}; returns them. */
  public List<Accessory> clean(Repository repo, Digest subject, CleanType type) throws SigningException {
    List<Accessory> removed = new ArrayList<>();
    try {
      boolean referrersApi = client.supportsReferrersApi(repo);
      for (Accessory a : scanner.scan(repo, subject)) {
        if (!type.removes(a)) {
          continue;
        }
        if (a.legacyTag().isPresent()) {
          deleteTag(repo, SignatureTags.tag(subject, a.legacyTag().get()));
        } else {
          deleteQuietly(ImageReference.of(repo, a.digest()));
          if (!referrersApi) {
            new ReferrersTagSchema(client).remove(repo, subject, a.digest());
          }
        }
        removed.add(a);
      }
      if (!referrersApi) {
        deleteEmptyFallbackTag(repo, subject);
      }
      return removed;
    } catch (RegistryException | InvalidReferenceException e) {
      throw new SigningException("clean " + repo + "@" + subject + ": " + e.getMessage(), e);
    }
  }

  private void deleteTag(Repository repo, String tag) throws RegistryException, InvalidReferenceException {
    ImageReference ref = ImageReference.of(repo, tag);
    try {
      client.deleteManifest(ref);
    } catch (NotFoundException e) {
      // already gone
    } catch (UnsupportedByRegistryException e) {
      byDigest(ref);
    } catch (RegistryException e) {
      if (e.httpStatus() != 400) {
        throw e;
      }
      byDigest(ref); // distribution 2.8 answers 400 DIGEST_INVALID to tag deletes, as cosign handles
    }
  }

  private void byDigest(ImageReference tag) throws RegistryException {
    Optional<ManifestHead> head = client.headManifest(tag);
    if (head.isPresent()) {
      deleteQuietly(tag.withDigest(head.get().digest()));
    }
  }

  private void deleteQuietly(ImageReference ref) throws RegistryException {
    try {
      client.deleteManifest(ref);
    } catch (NotFoundException e) {
      // already gone
    }
  }

  private void deleteEmptyFallbackTag(Repository repo, Digest subject)
      throws RegistryException, InvalidReferenceException {
    ImageReference tag = ImageReference.of(repo, ReferrersTagSchema.tagFor(subject));
    try {
      byte[] index = client.getManifest(tag).bytes();
      if (dev.signet.oci.Manifests.parseIndex(index).manifests().isEmpty()) {
        deleteTag(repo, tag.tag().orElseThrow());
      }
    } catch (NotFoundException e) {
      // no fallback tag
    } catch (dev.signet.oci.ManifestFormatException e) {
      // not ours to judge: leave it
    }
  }
}
