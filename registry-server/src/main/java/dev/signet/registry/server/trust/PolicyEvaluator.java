package dev.signet.registry.server.trust;

import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.AccessoryIndex;
import dev.signet.registry.server.storage.AccessoryRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether one manifest satisfies a policy, from the recorded results of the signatures attached to it
 * now (deleted or detached signatures no longer count). Results missing for an anchor of the policy
 * (added since the signature was pushed) are verified and recorded first. Satisfied means: the
 * distinct trusted signers of verified entries carrying the required annotations reach the threshold,
 * and for every required attestation type some verified entry's in-toto statement has that predicate type.
 */
final class PolicyEvaluator {

  /** How many rejection reasons an evaluation keeps (for the refusal message). */
  static final int MAX_REJECTIONS = 3;

  /**
   * @param signers distinct trusted signers whose verified signatures carry the required annotations
   * @param lacking distinct trusted signers whose verified signatures all lack them
   * @param missingAttestations required attestation types (as the policy names them) without a verified entry
   * @param rejections distinct reasons (naming the failed check) why entries did not verify, at most
   *     {@link #MAX_REJECTIONS}, each prefixed with its signature manifest
   */
  record Evaluation(boolean satisfied, Set<String> signers, Set<String> lacking, List<String> missingAttestations,
      List<String> rejections) {}

  private final AccessoryIndex accessories;
  private final ResultStore results;
  private final SignatureEvaluator evaluator;

  PolicyEvaluator(AccessoryIndex accessories, ResultStore results, SignatureEvaluator evaluator) {
    this.accessories = accessories;
    this.results = results;
    this.evaluator = evaluator;
  }

  Evaluation evaluate(String repo, Digest digest, TrustPolicy policy) {
    Set<Digest> signatures = new HashSet<>();
    for (AccessoryRecord a : accessories.accessories(repo, digest)) {
      if (SignatureEvaluator.SIGNATURE_TYPES.contains(a.type())) {
        signatures.add(a.digest());
      }
    }
    List<VerificationResult> rows = new ArrayList<>(results.forSubject(repo, digest));
    Map<Digest, Set<String>> recorded = new HashMap<>();
    rows.forEach(r -> recorded.computeIfAbsent(r.signature(), k -> new HashSet<>()).add(r.anchor()));
    for (Digest sig : signatures) {
      Set<String> done = recorded.getOrDefault(sig, Set.of());
      List<TrustAnchor> missing = policy.anchors().stream().filter(a -> !done.contains(a.fingerprint())).toList();
      rows.addAll(evaluator.evaluate(repo, digest, sig, missing));
    }
    Set<String> anchors = policy.fingerprints();
    Set<String> signers = new HashSet<>();
    Set<String> lacking = new HashSet<>();
    Set<String> predicateTypes = new HashSet<>();
    Set<String> rejections = new java.util.LinkedHashSet<>();
    rows.sort(java.util.Comparator.comparing((VerificationResult r) -> r.signature().toString())
        .thenComparingInt(VerificationResult::entry).thenComparing(r -> r.outcome() == Outcome.INVALID ? 0 : 1));
    for (VerificationResult r : rows) {
      if (!signatures.contains(r.signature()) || !anchors.contains(r.anchor())) {
        continue;
      }
      if (r.outcome() != Outcome.VERIFIED) {
        rejections.add(r.signature().hex().substring(0, 12) + ": " + r.reason());
        continue;
      }
      if (r.predicateType() != null) {
        predicateTypes.add(r.predicateType());
      }
      (policy.annotationsSatisfied(r.annotations()) ? signers : lacking).add(r.signer());
    }
    lacking.removeAll(signers);
    List<String> missing = policy.requiredAttestations().stream()
        .filter(t -> !predicateTypes.contains(PredicateTypes.resolve(t))).toList();
    return new Evaluation(signers.size() >= policy.threshold() && missing.isEmpty(), signers, lacking, missing,
        rejections.stream().limit(MAX_REJECTIONS).toList());
  }
}
