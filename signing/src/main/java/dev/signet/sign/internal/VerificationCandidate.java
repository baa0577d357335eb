package dev.signet.sign.internal;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.VerifiedSignature;
import java.util.Objects;

/**
 * One signature found for an image, fetched and ready to check. Checking needs no registry access and
 * never throws for a bad signature: it returns the reason instead, which ends up in cosign's
 * "no matching signatures" message.
 */
public interface VerificationCandidate {

  /** The transparency-log rule when a signature carries no log entry. */
  String NO_TLOG_ENTRY = "the signature has no transparency-log entry, and Signet has no trusted root for a"
      + " transparency log yet (it never contacts public-good services); pass --insecure-ignore-tlog=true to"
      + " verify key-only signatures";

  /** Names the candidate in messages, e.g. {@code bundle sha256:…}. */
  String description();

  /** Checks the candidate against the image digest and policy. */
  Verdict check(Target target);

  /** What a candidate must match: the reference as given, its digest, and the policy. */
  record Target(ImageReference reference, Digest digest, VerificationPolicy policy) {
    public Target {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(policy, "policy");
    }
  }

  /** Either the verified signature or why the candidate was rejected. */
  record Verdict(VerifiedSignature signature, String reason) {
    public static Verdict verified(VerifiedSignature signature) {
      return new Verdict(Objects.requireNonNull(signature), null);
    }

    public static Verdict rejected(String reason) {
      return new Verdict(null, Objects.requireNonNull(reason));
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
    public Verdict check(Target target) {
      return Verdict.rejected(reason);
    }
  }
}
