package dev.signet.verify;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.tlog.WitnessPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Sigstore verification engine: pure and offline. Trust material (a {@link TrustedRoot}, witness
 * policy) and a clock are given at construction; each call takes a signature (a Sigstore bundle, or a
 * cosign legacy signature or attestation), the artifact and a policy, and returns a
 * {@link VerificationResult} or throws a {@link VerificationException} naming the failed check.
 * Thread-safe.
 *
 * <p>Order (Sigstore client spec): parse; time sources (verified log entries' integrated times, verified
 * RFC 3161 timestamps); the certificate chain valid at those times; SCTs; identity; the signature over
 * the artifact or PAE; the artifact match; thresholds. Key mode needs no time.
 */
public final class SigstoreVerifier {
  /** Verified checkpoints kept by default (a few hundred bytes each). */
  public static final int DEFAULT_CHECKPOINT_CACHE = 1024;

  private final Pipeline pipeline;

  public SigstoreVerifier(TrustedRoot root) {
    this(root, WitnessPolicy.none(), Clock.systemUTC());
  }

  /**
   * @param witnesses checkpoint cosignatures required on inclusion proofs
   * @param clock consulted only for policies with {@link VerificationPolicy#currentTimeFallback()} when a
   *     certificate has no verified timestamp
   */
  public SigstoreVerifier(TrustedRoot root, WitnessPolicy witnesses, Clock clock) {
    this(root, witnesses, clock, DEFAULT_CHECKPOINT_CACHE);
  }

  /**
   * @param checkpointCacheEntries how many verified checkpoints (keyed by their exact text) to keep
   *     between calls; 0 verifies every checkpoint's signature afresh
   */
  public SigstoreVerifier(TrustedRoot root, WitnessPolicy witnesses, Clock clock, int checkpointCacheEntries) {
    this.pipeline = new Pipeline(Objects.requireNonNull(root, "root"),
        Objects.requireNonNull(witnesses, "witnesses"), Objects.requireNonNull(clock, "clock"),
        checkpointCacheEntries);
  }

  /** Verifies a Sigstore bundle (message signature or DSSE envelope). */
  public VerificationResult verify(SigstoreBundle bundle, Artifact artifact, VerificationPolicy policy)
      throws VerificationException {
    return pipeline.run(SignedMaterial.of(bundle), artifact, policy);
  }

  /** Verifies a cosign legacy signature (payload, signature and its annotations). */
  public VerificationResult verify(LegacySignature signature, Artifact artifact, VerificationPolicy policy)
      throws VerificationException {
    return pipeline.run(SignedMaterial.of(signature), artifact, policy);
  }

  /** Verifies a cosign legacy attestation (an {@code .att} layer: DSSE envelope and its annotations). */
  public VerificationResult verify(LegacyAttestation attestation, Artifact artifact, VerificationPolicy policy)
      throws VerificationException {
    return pipeline.run(SignedMaterial.of(attestation), artifact, policy);
  }

  /** Verifies one candidate, in whichever format it is. */
  public VerificationResult verify(Candidate candidate, Artifact artifact, VerificationPolicy policy)
      throws VerificationException {
    return switch (candidate) {
      case Candidate.Bundle b -> verify(b.bundle(), artifact, policy);
      case Candidate.Legacy l -> verify(l.signature(), artifact, policy);
      case Candidate.LegacyAttestation a -> verify(a.attestation(), artifact, policy);
    };
  }

  /** Verifies every candidate; one that satisfies the policy, in either format, is enough. */
  public MultiVerificationResult verifyAll(List<Candidate> candidates, Artifact artifact, VerificationPolicy policy) {
    List<MultiVerificationResult.Outcome> outcomes = new ArrayList<>();
    for (Candidate c : candidates) {
      try {
        VerificationResult r = verify(c, artifact, policy);
        outcomes.add(new MultiVerificationResult.Outcome(c.description(), Optional.of(r), Optional.empty()));
      } catch (VerificationException e) {
        outcomes.add(new MultiVerificationResult.Outcome(c.description(), Optional.empty(), Optional.of(e)));
      }
    }
    return new MultiVerificationResult(outcomes);
  }
}
