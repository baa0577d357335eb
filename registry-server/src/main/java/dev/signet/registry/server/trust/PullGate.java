package dev.signet.registry.server.trust;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.storage.ManifestRecord;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check on manifest GET/HEAD. With the project's policy off, or for accessories, nothing happens.
 * Otherwise an exempt caller is served; then the manifest is evaluated (and, under
 * {@link IndexRule#INHERIT}, the indexes that list it); an unsatisfied policy is recorded, and in
 * enforce mode refused with 412 {@code DENIED}.
 */
final class PullGate {
  private static final Logger LOG = LoggerFactory.getLogger(PullGate.class);
  private final Function<String, TrustPolicy> policies;
  private final PolicyEvaluator evaluator;
  private final ResultStore results;
  private final DecisionLog decisions;
  private final Clock clock;
  private final AccessoryRule accessories;
  private volatile EnforcementExemption exemption = EnforcementExemption.NONE;
  private volatile AuditSink sink = new LoggingAuditSink();

  PullGate(Function<String, TrustPolicy> policies, PolicyEvaluator evaluator, ResultStore results,
      DecisionLog decisions, Clock clock, AccessoryRule accessories) {
    this.policies = policies;
    this.accessories = accessories;
    this.evaluator = evaluator;
    this.results = results;
    this.decisions = decisions;
    this.clock = clock;
  }

  void exemption(EnforcementExemption e) {
    this.exemption = e == null ? EnforcementExemption.NONE : e;
  }

  void auditSink(AuditSink s) {
    this.sink = s == null ? new LoggingAuditSink() : s;
  }

  void check(String repo, String reference, ManifestRecord m, Principal principal) throws RegistryException {
    String project = TrustPolicy.projectOf(repo);
    TrustPolicy policy = policies.apply(project);
    if (policy.mode() == TrustMode.OFF || accessories.isAccessory(m, reference)) {
      return;
    }
    String who = principal == null || principal.isAnonymous() ? null : principal.name();
    if (exemption.isExempt(principal, project, repo)) {
      report(decision(policy, repo, m, reference, PullDecision.Verdict.EXEMPT, who, "exempt from the policy"), false);
      return;
    }
    PolicyEvaluator.Evaluation own = evaluator.evaluate(repo, m.digest(), policy);
    String via = own.satisfied() ? "signed" : satisfiedParent(repo, m.digest(), policy);
    if (via != null) {
      report(decision(policy, repo, m, reference, PullDecision.Verdict.SATISFIED, who, via), false);
      return;
    }
    String reason = missing(policy, m, own);
    boolean enforce = policy.mode() == TrustMode.ENFORCE;
    PullDecision d = decision(policy, repo, m, reference,
        enforce ? PullDecision.Verdict.DENIED : PullDecision.Verdict.AUDITED, who, reason);
    report(d, true);
    if (enforce) {
      throw RegistryException.withStatus(ErrorCode.DENIED, 412, reason);
    }
  }

  /** Hands the decision to the sink (and the decision table): best effort, never fails the pull. */
  private void report(PullDecision d, boolean store) {
    try {
      if (store) {
        decisions.record(d);
      }
      sink.record(d);
    } catch (RuntimeException e) {
      LOG.warn("cannot record pull decision {} for {}@{}: {}", d.verdict(), d.repository(), d.digest(), e.toString());
    }
  }

  /** "listed in signed index …" when some index listing {@code digest} satisfies the policy, else null. */
  private String satisfiedParent(String repo, Digest digest, TrustPolicy policy) {
    if (policy.indexRule() != IndexRule.INHERIT) {
      return null;
    }
    Set<Digest> seen = new HashSet<>();
    Deque<Digest> level = new ArrayDeque<>(results.parentIndexes(repo, digest));
    for (int depth = 0; depth < IndexRule.MAX_DEPTH && !level.isEmpty(); depth++) {
      Deque<Digest> next = new ArrayDeque<>();
      for (Digest parent : level) {
        if (!seen.add(parent)) {
          continue;
        }
        if (evaluator.evaluate(repo, parent, policy).satisfied()) {
          return "listed in signed index " + parent;
        }
        next.addAll(results.parentIndexes(repo, parent));
      }
      level = next;
    }
    return null;
  }

  private static String missing(TrustPolicy p, ManifestRecord m, PolicyEvaluator.Evaluation e) {
    String what = MediaTypes.isIndex(m.mediaType()) ? "index " : "image ";
    int n = p.threshold();
    String signer = p.identities().isEmpty() ? " trusted key" : " trusted signer";
    StringBuilder s = new StringBuilder(what + m.digest() + " in project " + p.project());
    boolean signed = e.signers().size() >= n;
    if (!signed) {
      s.append(" is not signed by ").append(n).append(signer).append(n == 1 ? "" : "s");
      if (!p.requiredAnnotations().isEmpty()) {
        s.append(" with annotations ").append(pairs(p.requiredAnnotations()));
      }
      s.append(" (found ").append(e.signers().size());
      if (!e.lacking().isEmpty()) {
        s.append("; ").append(e.lacking().size()).append(" more trusted signer")
            .append(e.lacking().size() == 1 ? " lacks" : "s lack").append(" the annotations");
      }
      s.append(")");
    }
    if (!e.missingAttestations().isEmpty()) {
      s.append(signed ? "" : " and").append(" lacks a verified attestation of type ").append(String.join(", ",
          e.missingAttestations().stream().map(t -> t + " (" + PredicateTypes.resolve(t) + ")").toList()))
          .append(" by a").append(signer).append(" of the policy");
    }
    if (p.indexRule() == IndexRule.INHERIT && !MediaTypes.isIndex(m.mediaType())) {
      s.append(", nor is any index listing it");
    }
    if (!e.rejections().isEmpty()) {
      s.append("; rejected: ").append(String.join("; ", e.rejections()));
    }
    return s.append(" [policy of project ").append(p.project()).append(", mode ").append(p.mode().wireName())
        .append("]").toString();
  }

  private static String pairs(Map<String, String> m) {
    return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  private PullDecision decision(TrustPolicy p, String repo, ManifestRecord m, String reference,
      PullDecision.Verdict verdict, String principal, String reason) {
    return new PullDecision(clock.instant(), p.project(), repo, m.digest().toString(), reference, p.mode(), verdict,
        principal, reason);
  }
}
