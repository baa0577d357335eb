package dev.signet.registry.server.service;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.storage.BlobDigestMismatchException;
import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.Condition;
import dev.signet.registry.server.storage.ConditionFailedException;
import dev.signet.registry.server.storage.Link;
import dev.signet.registry.server.storage.ManifestRecord;
import dev.signet.registry.server.storage.ManifestWrite;
import dev.signet.registry.server.storage.MetadataStore;
import dev.signet.registry.server.storage.MissingReferenceException;
import dev.signet.registry.server.storage.Reference;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Manifest reads, pushes (validation, accessory linking, conditional tag moves) and deletes. */
public final class ManifestService {
  /** The largest manifest accepted (the spec asks registries to accept at least 4 MB). */
  public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(ManifestService.class);

  /**
   * What other parts of the registry (trust policies) do around manifests. Deletes need no hook: what
   * they record about a manifest is dropped by database triggers in the deleting transaction.
   */
  public interface Hooks {
    /** Does nothing and allows every pull. */
    Hooks NONE = new Hooks() {
      @Override
      public void pushed(String repo, ManifestRecord manifest, List<Link> links) {}

      @Override
      public void checkPull(String repo, String reference, ManifestRecord manifest, Principal principal) {}
    };

    /** After a manifest PUT committed, with the accessory links it recorded. Failures are logged only. */
    void pushed(String repo, ManifestRecord manifest, List<Link> links);

    /** Before a manifest is served to a GET or HEAD; throws to refuse it. */
    void checkPull(String repo, String reference, ManifestRecord manifest, Principal principal)
        throws RegistryException;
  }

  /**
   * Checks tag moves and deletes before they happen (immutable tags, see the lifecycle package); each
   * method throws to refuse. The default allows everything.
   */
  public interface TagGuard {
    /** Allows everything. */
    TagGuard NONE = new TagGuard() {};

    /** Before {@code tag} is pointed at {@code digest} by a PUT. */
    default void checkTagWrite(String repo, String tag, Digest digest) throws RegistryException {}

    /** Before {@code tag} is deleted. */
    default void checkTagDelete(String repo, String tag) throws RegistryException {}

    /** Before the manifest {@code digest} (with its tags) is deleted. */
    default void checkManifestDelete(String repo, Digest digest) throws RegistryException {}
  }

  private final MetadataStore meta;
  private final BlobStore blobs;
  private final Clock clock;
  private final Hooks hooks;
  private final CascadeRules cascade;
  private volatile TagGuard tagGuard = TagGuard.NONE;

  ManifestService(MetadataStore meta, BlobStore blobs, Clock clock, Hooks hooks) {
    this.meta = meta;
    this.blobs = blobs;
    this.clock = clock;
    this.hooks = hooks;
    this.cascade = new CascadeRules(BlobReads.reader(blobs));
  }

  /** Installs the check on tag moves and deletes (null: allow everything). */
  public void setTagGuard(TagGuard guard) {
    this.tagGuard = guard == null ? TagGuard.NONE : guard;
  }

  /** What a successful PUT reports back. */
  public record PutResult(Digest digest, Digest subject, List<String> tags, boolean created) {}

  /** The manifest a tag or digest names; MANIFEST_UNKNOWN when there is none. */
  public ManifestRecord get(String repo, String reference) throws RegistryException {
    Optional<ManifestRecord> m = Names.looksLikeDigest(reference)
        ? meta.manifest(repo, Names.digest(reference))
        : Names.isTag(reference) ? meta.manifestByTag(repo, reference) : Optional.empty();
    if (m.isEmpty()) {
      throw RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, "manifest unknown to registry", reference);
    }
    return m.get();
  }

  /**
   * The manifest a tag or digest names, for serving to {@code principal}: as
   * {@link #get}, then checked by the hooks (a trust policy may refuse it with 412).
   */
  public ManifestRecord getForPull(String repo, String reference, Principal principal) throws RegistryException {
    ManifestRecord m = get(repo, reference);
    hooks.checkPull(repo, reference, m, principal);
    return m;
  }

  /** The check {@link #getForPull} makes, for a manifest read some other way (the batch read of signatures). */
  public void checkPull(String repo, String reference, ManifestRecord manifest, Principal principal)
      throws RegistryException {
    hooks.checkPull(repo, reference, manifest, principal);
  }

  /**
   * Stores a manifest under a tag or digest.
   *
   * @param extraTags further tags to point at it ({@code ?tag=} on a PUT by digest)
   */
  public PutResult put(String repo, String reference, String contentType, byte[] body, Condition condition,
      List<String> extraTags) throws RegistryException {
    if (body.length > MAX_MANIFEST_BYTES) {
      throw RegistryException.withStatus(ErrorCode.MANIFEST_INVALID, 413,
          "manifest larger than " + MAX_MANIFEST_BYTES + " bytes");
    }
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    Digest digest;
    if (Names.looksLikeDigest(reference)) {
      Digest wanted = Names.digest(reference);
      digest = Digest.of(wanted.algorithm(), body);
      if (!digest.equals(wanted)) {
        throw RegistryException.of(ErrorCode.DIGEST_INVALID, "manifest digest did not match",
            "content hashes to " + digest);
      }
    } else {
      tags.add(checkTag(reference));
      digest = Digest.sha256(body);
    }
    for (String t : extraTags) {
      tags.add(checkTag(t));
    }
    ParsedManifest parsed = ManifestParser.parse(body, contentType);
    storeInlineBlobs(repo, parsed);
    checkReferences(repo, parsed);
    List<String> tagList = new ArrayList<>(tags);
    for (String t : tagList) {
      tagGuard.checkTagWrite(repo, t, digest);
    }
    ManifestRecord record = new ManifestRecord(digest, parsed.mediaType(), body, parsed.subject(),
        parsed.artifactType(), parsed.annotations(), Accessories.type(parsed, tagList), clock.instant());
    ManifestWrite write = new ManifestWrite(repo, record, parsed.references(),
        Accessories.links(digest, parsed, tagList), tagList, condition, Accessories.replaced(parsed, tagList));
    try {
      boolean created = meta.putManifest(write, d -> blobs.stat(d).isPresent());
      afterPut(repo, record, write.links());
      return new PutResult(digest, parsed.subject(), tagList, created);
    } catch (MissingReferenceException e) {
      throw RegistryException.of(ErrorCode.MANIFEST_BLOB_UNKNOWN,
          "manifest references a manifest or blob unknown to registry", e.getMessage());
    } catch (ConditionFailedException e) {
      throw RegistryException.preconditionFailed("precondition failed: " + e.getMessage());
    }
  }

  /**
   * Deletes by digest (the manifest, its tags and, recursively, its accessories) or by tag (only the tag;
   * deleting a legacy cosign or fallback tag also detaches what was attached through it).
   */
  public List<Digest> delete(String repo, String reference) throws RegistryException {
    if (Names.looksLikeDigest(reference)) {
      tagGuard.checkManifestDelete(repo, Names.digest(reference));
      List<Digest> deleted = meta.deleteManifest(repo, Names.digest(reference), cascade);
      if (deleted.isEmpty()) {
        throw RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, "manifest unknown to registry", reference);
      }
      return deleted;
    }
    if (Names.isTag(reference)) {
      tagGuard.checkTagDelete(repo, reference);
    }
    Digest subject = Accessories.legacyTag(reference).map(SignatureTags.ParsedTag::digest).orElse(null);
    if (!Names.isTag(reference)
        || !meta.deleteTag(repo, reference, subject, Accessories.detachedByDeleting(reference))) {
      throw RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, "manifest tag unknown to registry", reference);
    }
    return List.of();
  }

  private void afterPut(String repo, ManifestRecord record, List<Link> links) {
    try {
      hooks.pushed(repo, record, links);
    } catch (RuntimeException e) {
      LOG.warn("after pushing {}@{}: {}", repo, record.digest(), e.toString(), e);
    }
  }

  /**
   * Fails fast, on read connections, when a referenced blob or manifest is missing, so that a manifest
   * listing many missing blobs never holds the write transaction (which checks again, atomically).
   */
  private void checkReferences(String repo, ParsedManifest parsed) throws RegistryException {
    List<Reference> missing = new ArrayList<>();
    for (Reference r : parsed.references()) {
      boolean present = r.kind() == Reference.Kind.BLOB ? meta.linkedBlob(repo, r.digest()).isPresent()
          : meta.manifest(repo, r.digest()).isPresent();
      if (!present) {
        missing.add(r);
      }
    }
    if (!missing.isEmpty()) {
      String listed = missing.stream().limit(10).map(r -> r.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
          + r.digest()).collect(java.util.stream.Collectors.joining(", "));
      throw RegistryException.of(ErrorCode.MANIFEST_BLOB_UNKNOWN,
          "manifest references a manifest or blob unknown to registry", "missing " + listed
              + (missing.size() > 10 ? " and " + (missing.size() - 10) + " more" : "") + "; push them first");
    }
  }

  private void storeInlineBlobs(String repo, ParsedManifest parsed) throws RegistryException {
    for (ParsedManifest.InlineBlob b : parsed.inlineBlobs()) {
      if (meta.linkedBlob(repo, b.digest()).isPresent()) {
        continue;
      }
      try {
        blobs.put(b.digest(), new ByteArrayInputStream(b.content()), size -> meta.linkBlob(repo, b.digest(), size));
      } catch (BlobDigestMismatchException e) {
        throw new IllegalStateException("inline data was verified", e);
      }
    }
  }

  private static String checkTag(String tag) throws RegistryException {
    if (!Names.isTag(tag)) {
      throw RegistryException.of(ErrorCode.MANIFEST_INVALID, "invalid tag", tag);
    }
    return tag;
  }
}
