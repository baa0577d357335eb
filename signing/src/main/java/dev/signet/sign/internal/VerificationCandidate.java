package dev.signet.sign.internal;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.VerifiedSignature;
import dev.signet.verify.Artifact;
import dev.signet.verify.Candidate;
import dev.signet.verify.MultiVerificationResult;
import dev.signet.verify.SigstoreVerifier;
import dev.signet.verify.VerificationException;
import dev.signet.verify.VerificationResult;
import dev.signet.verify.root.TrustedRoot;
import java.util.List;
import java.util.Objects;

/**
 * One signature found for an image, fetched and ready to check. The verification itself is the engine's
 * ({@link SigstoreVerifier}); a candidate adds what is specific to images: which signatures can sign an
 * image at all ({@link #prepare}), and what {@code cosign verify} reports for an accepted one or why one
 * was rejected ({@link #conclude}). Checking needs no registry access and never throws for a bad
 * signature: it returns the reason instead, which ends up in cosign's "no matching signatures" message.
 */
public interface VerificationCandidate {

  /** Names the candidate in messages, e.g. {@code bundle sha256:…}. */
  String description();

  /** The engine's view of this signature, or why it cannot be checked at all. */
  Prepared prepare(Target target);

  /** The verdict for the engine's outcome of {@link #prepare}'s candidate. */
  Verdict conclude(Target target, VerificationResult result);

  /** Why the engine rejected this candidate, as reported to the user. */
  default String explain(Target target, VerificationException failure) {
    return Rejections.explain(target, failure);
  }

  /** Checks this candidate alone (the image verifier checks all of an image's candidates in one engine call). */
  default Verdict check(Target target) {
    Prepared p = prepare(target);
    if (p.candidate() == null) {
      return Verdict.rejected(p.rejection());
    }
    MultiVerificationResult.Outcome o = target.engine().verifier()
        .verifyAll(List.of(p.candidate()), target.artifact(), target.engine().policy()).outcomes().get(0);
    return o.result().isPresent() ? conclude(target, o.result().get()) : Verdict.rejected(explain(target, o.failure().get()));
  }

  /**
   * The engine and its policy, created once per verification run and shared by every image.
   *
   * @param root the trust material the verifier was built with (for hints when it lacks a log)
   */
  record Engine(SigstoreVerifier verifier, TrustedRoot root, dev.signet.verify.VerificationPolicy policy) {
    public Engine {
      Objects.requireNonNull(verifier, "verifier");
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(policy, "policy");
    }

    /** An engine over {@code root} for {@code policy}. */
    public static Engine of(TrustedRoot root, VerificationPolicy policy) {
      return new Engine(new SigstoreVerifier(root), root, policy.engine());
    }
  }

  /** What a candidate must match: the reference as given, its digest, the policy and the engine. */
  record Target(ImageReference reference, Digest digest, VerificationPolicy policy, Engine engine, Artifact artifact) {
    public Target {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(engine, "engine");
      Objects.requireNonNull(artifact, "artifact");
    }

    public Target(ImageReference reference, Digest digest, VerificationPolicy policy, Engine engine) {
      this(reference, digest, policy, engine, artifactOf(digest));
    }

    /** A target with an engine that trusts nothing (key mode with {@code --insecure-ignore-tlog}). */
    public Target(ImageReference reference, Digest digest, VerificationPolicy policy) {
      this(reference, digest, policy, Engine.of(TrustedRoot.empty(), policy));
    }

    private static Artifact artifactOf(Digest digest) {
      try {
        return Artifact.ofDigest(digest.toString());
      } catch (VerificationException e) {
        throw new IllegalArgumentException("image digest " + digest + ": " + e.getMessage(), e);
      }
    }
  }

  /** The engine candidate, or the reason there is none. */
  record Prepared(Candidate candidate, String rejection) {
    public static Prepared of(Candidate candidate) {
      return new Prepared(Objects.requireNonNull(candidate), null);
    }

    public static Prepared rejected(String reason) {
      return new Prepared(null, Objects.requireNonNull(reason));
    }
  }

  /** Either the verified signature or why the candidate was rejected. */
  record Verdict(VerifiedSignature signature, String reason, boolean tlogVerified) {
    public static Verdict verified(VerifiedSignature signature, boolean tlogVerified) {
      return new Verdict(Objects.requireNonNull(signature), null, tlogVerified);
    }

    public static Verdict rejected(String reason) {
      return new Verdict(null, Objects.requireNonNull(reason), false);
    }

    public boolean isVerified() {
      return signature != null;
    }
  }

  /** A candidate that was found but could not be read (missing blob, malformed bundle, too large). */
  static VerificationCandidate unreadable(String description, String reason) {
    return new Unreadable(description, reason);
  }

  /** See {@link #unreadable}. */
  record Unreadable(String description, String reason) implements VerificationCandidate {
    @Override
    public Prepared prepare(Target target) {
      return Prepared.rejected(reason);
    }

    @Override
    public Verdict conclude(Target target, VerificationResult result) {
      throw new IllegalStateException("an unreadable candidate is never verified");
    }
  }
}
