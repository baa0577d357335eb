package dev.signet.registry.server.trust;

import java.time.Instant;

/**
 * One pull judged by a project policy.
 *
 * @param reference the tag or digest the client asked for
 * @param principal the caller's name, or null when anonymous
 * @param reason why (for unsatisfied decisions: what is missing)
 */
public record PullDecision(
    Instant time, String project, String repository, String digest, String reference, TrustMode mode,
    Verdict verdict, String principal, String reason) {

  /** What happened to the pull. */
  public enum Verdict {
    /** The manifest satisfies the policy (itself, or through an index that lists it). */
    SATISFIED,
    /** Served without evaluation: the caller holds an {@link EnforcementExemption}. */
    EXEMPT,
    /** Audit mode: served although it does not satisfy the policy. */
    AUDITED,
    /** Enforce mode: refused with 412. */
    DENIED
  }
}
