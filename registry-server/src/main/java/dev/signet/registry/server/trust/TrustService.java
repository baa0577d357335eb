package dev.signet.registry.server.trust;

import dev.signet.oci.Digest;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.service.BlobReads;
import dev.signet.registry.server.service.ManifestService;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.Link;
import dev.signet.registry.server.storage.LinkKind;
import dev.signet.registry.server.storage.ManifestRecord;
import dev.signet.registry.server.storage.MetadataStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified pull: per-project trust policies, verification of signatures as they are pushed, and the
 * check on manifest reads. See the package documentation for the rules.
 *
 * <p>Wiring: the registry passes this as its {@link ManifestService.Hooks}; access control supplies an
 * {@link EnforcementExemption} and the audit log an {@link AuditSink}.
 */
public final class TrustService implements ManifestService.Hooks, AutoCloseable {
  /** Links through which a pushed signature manifest signs a subject. */
  private static final Set<LinkKind> SIGNING_LINKS = EnumSet.of(LinkKind.SUBJECT, LinkKind.SIGNATURE_TAG,
      LinkKind.ATTESTATION_TAG);

  private final TrustDb db;
  private final PolicyStore policies;
  private final ResultStore results;
  private final DecisionLog decisions;
  private final SignatureEvaluator signatures;
  private final PullGate gate;
  private final Clock clock;
  private final Map<String, TrustPolicy> cache = new ConcurrentHashMap<>();

  private TrustService(TrustDb db, MetadataStore meta, BlobStore blobs, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.policies = new PolicyStore(db);
    this.results = new ResultStore(db);
    this.decisions = new DecisionLog(db);
    this.signatures = new SignatureEvaluator(meta, blobs, results, clock);
    this.gate = new PullGate(this::policy, new PolicyEvaluator(meta, results, signatures), results, decisions, clock,
        new AccessoryRule(BlobReads.reader(blobs)));
  }

  /**
   * Opens the trust tables of the SQLite metadata database {@code databaseFile}, which {@code meta} has
   * already migrated.
   */
  public static TrustService open(Path databaseFile, boolean fullSync, MetadataStore meta, BlobStore blobs,
      Clock clock) {
    return new TrustService(new TrustDb(databaseFile, fullSync), meta, blobs, clock);
  }

  /** The project's policy (off when none was set). */
  public TrustPolicy policy(String project) {
    return cache.computeIfAbsent(project, p -> policies.get(p).orElseGet(() -> TrustPolicy.off(p)));
  }

  /**
   * Replaces a project's policy (stamped with the current time) and returns it. Decisions follow at once:
   * results for anchors the policy keeps stay, results for new anchors (a new key, CA or identity, or
   * every identity when the trusted root changes) are verified at the next pull of each image (lazily),
   * results for dropped anchors are deleted.
   */
  public TrustPolicy setPolicy(TrustPolicy p) {
    TrustPolicy stamped = p.updatedAt(clock.instant());
    policies.put(stamped);
    cache.put(p.project(), stamped);
    return stamped;
  }

  /** The results recorded for one signature manifest. */
  public List<VerificationResult> results(String repo, Digest signature) {
    return results.forSignature(repo, signature);
  }

  /** The results recorded for the signatures of one subject. */
  public List<VerificationResult> resultsForSubject(String repo, Digest subject) {
    return results.forSubject(repo, subject);
  }

  /** The project's most recent unsatisfied pulls (denied or audited), newest first. */
  public List<PullDecision> decisions(String project, int limit) {
    return decisions.recent(project, limit);
  }

  /** Who may read unsatisfied manifests (default: no one). */
  public void setExemption(EnforcementExemption exemption) {
    gate.exemption(exemption);
  }

  /** Where pull decisions go (default: {@link LoggingAuditSink}). */
  public void setAuditSink(AuditSink sink) {
    gate.auditSink(sink);
  }

  @Override
  public void pushed(String repo, ManifestRecord manifest, List<Link> links) {
    if (!SignatureEvaluator.SIGNATURE_TYPES.contains(manifest.accessoryType())) {
      return;
    }
    TrustPolicy policy = policy(TrustPolicy.projectOf(repo));
    links.stream().filter(l -> l.accessory().equals(manifest.digest()) && SIGNING_LINKS.contains(l.kind()))
        .map(Link::subject).distinct()
        .forEach(subject -> signatures.evaluate(repo, subject, manifest.digest(), policy.anchors()));
  }

  @Override
  public void checkPull(String repo, String reference, ManifestRecord manifest, Principal principal)
      throws RegistryException {
    gate.check(repo, reference, manifest, principal);
  }

  @Override
  public void close() {
    db.close();
  }
}
