package dev.signet.registry.server.replication;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.ArtifactCopier;
import dev.signet.sign.CopyOptions;
import dev.signet.sign.CopyReport;
import dev.signet.sign.ProgressListener;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SigningException;
import dev.signet.sign.internal.Pauser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replicates one subject: reads it from this registry over HTTP and, unless the destination already has
 * all of it, copies it with every accessory through {@link ArtifactCopier}, then points the tags at it.
 * Destination tags are overwritten (this registry is the source of truth). Referrers stay referrers on
 * destinations with the referrers API; elsewhere the copier writes the fallback tag and legacy tags.
 */
final class Replicator {
  private final ClientFactory clients;

  /** What a replication did, and every digest it covered (subject, children, accessories). */
  record Outcome(String summary, Set<Digest> covered) {}

  Replicator(ClientFactory clients) {
    this.clients = clients;
  }

  Outcome replicate(ReplicationRule rule, String repository, Digest subject, List<String> tags)
      throws SigningException, RegistryException {
    RegistryClient client = clients.forRule(rule);
    Repository to = clients.destination(rule, repository);
    ImageReference source = ImageReference.of(clients.local(repository), subject);
    Coverage coverage = Coverage.scan(client, source);
    if (coverage.presentAt(client, to, tags)) {
      return new Outcome("up to date at " + to, coverage.digests());
    }
    ImageReference first = tags.isEmpty() ? ImageReference.of(to, subject) : tag(to, tags.get(0));
    CopyReport report = new ArtifactCopier(client, ProgressListener.NONE, Pauser.jittered())
        .copy(source, first, new CopyOptions(Set.of(), true));
    ResolvedImage root = coverage.root();
    for (String t : tags.subList(Math.min(1, tags.size()), tags.size())) {
      client.putManifest(to, t, root.manifest().orElseThrow(), root.mediaType().orElseThrow());
    }
    Set<Digest> covered = new LinkedHashSet<>(coverage.digests());
    report.accessories().forEach(a -> covered.add(a.digest()));
    String summary = "copied to " + to + ": " + report.accessories().size() + " accessories, "
        + report.blobsCopied() + " blobs copied (" + report.bytesCopied() + " bytes), " + report.blobsMounted()
        + " mounted, " + report.blobsSkipped() + " already present";
    return new Outcome(summary, covered);
  }

  private static ImageReference tag(Repository repo, String tag) throws SigningException {
    try {
      return ImageReference.of(repo, tag);
    } catch (InvalidReferenceException e) {
      throw new SigningException("invalid tag " + tag + ": " + e.getMessage(), e);
    }
  }
}
