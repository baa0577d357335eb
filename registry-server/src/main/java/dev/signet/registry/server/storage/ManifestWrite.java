package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one manifest PUT changes, applied atomically by {@link ManifestCatalog#putManifest}.
 *
 * @param repository the repository
 * @param manifest the manifest to store (kept as first stored if the digest exists already)
 * @param references blobs and child manifests that must exist in the repository
 * @param links accessory links to record (subject, legacy tag, fallback index)
 * @param tags tags to point at the manifest; the condition applies to the first one
 * @param condition checked against the first tag's current digest, or against the manifest's own
 *     existence when there are no tags
 * @param replaced links removed before {@code links} are added (a new referrers fallback index replaces
 *     what the previous one attached)
 */
public record ManifestWrite(
    String repository,
    ManifestRecord manifest,
    List<Reference> references,
    List<Link> links,
    List<String> tags,
    Condition condition,
    List<LinkScope> replaced) {

  /** The links of some kinds from one subject. */
  public record LinkScope(Digest subject, Set<LinkKind> kinds) {
    public LinkScope {
      Objects.requireNonNull(subject, "subject");
      kinds = Set.copyOf(kinds);
    }
  }

  public ManifestWrite {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(manifest, "manifest");
    references = List.copyOf(references);
    links = List.copyOf(links);
    tags = List.copyOf(tags);
    Objects.requireNonNull(condition, "condition");
    replaced = List.copyOf(replaced);
  }

  /** A write that replaces no links. */
  public ManifestWrite(String repository, ManifestRecord manifest, List<Reference> references, List<Link> links,
      List<String> tags, Condition condition) {
    this(repository, manifest, references, links, tags, condition, List.of());
  }
}
