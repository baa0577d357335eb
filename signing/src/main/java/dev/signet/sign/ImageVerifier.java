package dev.signet.sign;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.internal.SignatureFinder;
import dev.signet.sign.internal.VerificationCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verifies image signatures in key mode, in cosign's order: pin the reference to a digest (a tag with a
 * GET of its manifest, a digest as given); look for v3 bundles among the digest's referrers in the
 * signature repository and check them; when none satisfies the policy (cosign: only when there are
 * none), also read and check the legacy {@code sha256-<hex>.sig} signatures (and cosign's experimental
 * OCI 1.1 signature referrers). Either kind verified by the policy's key is enough.
 *
 * <p>Outcomes: a report with at least one verified signature; {@link VerificationException} with
 * {@code NO_SIGNATURES} ("no signatures found") or {@code NO_MATCHING_SIGNATURES} (cosign's
 * "no matching signatures: " followed by every candidate's reason), or {@code IMAGE_NOT_FOUND} for an
 * unknown tag. Any registry failure other than "not found" is a plain {@link SigningException}: an
 * image is never reported unsigned because the registry could not be asked. Thread-safe.
 */
public final class ImageVerifier {
  private final RegistryClient client;
  private final ImageResolver resolver;

  /** Verification outcome of one image in {@link #verifyAll}: a report or the failure. */
  public record Outcome(ImageReference reference, Optional<VerificationReport> report,
      Optional<SigningException> failure) {
    public Outcome {
      Objects.requireNonNull(reference, "reference");
      if (report.isPresent() == failure.isPresent()) {
        throw new IllegalArgumentException("an outcome holds exactly one of report and failure");
      }
    }

    public boolean verified() {
      return report.isPresent();
    }
  }

  /** @param client shared by all verifications (it caches one token per repository) */
  public ImageVerifier(RegistryClient client) {
    this.client = client;
    this.resolver = new ImageResolver(client);
  }

  /** Verifies the signatures of {@code ref} against {@code policy}. */
  public VerificationReport verify(ImageReference ref, VerificationPolicy policy) throws SigningException {
    Digest digest = ref.digest().isPresent() ? ref.digest().get() : resolver.resolve(ref).digest();
    Repository signatures = policy.signatureRepository(ref.repository());
    SignatureFinder finder = new SignatureFinder(client, policy.maxPayloadBytes());
    SignatureFinder.Referrers referrers = finder.referrers(signatures, digest);
    VerificationCandidate.Target target = new VerificationCandidate.Target(ref, digest, policy);
    List<VerifiedSignature> verified = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    List<VerificationCandidate> bundles = finder.bundles(signatures, referrers.bundles());
    check(bundles, target, verified, rejected);
    boolean bundlePath = !verified.isEmpty();
    boolean anyCandidate = !bundles.isEmpty();
    if (!bundlePath) {
      // cosign reads legacy signatures only when there are no bundles; Signet also reads them when no
      // bundle satisfies the policy, so either kind of signature by the trusted key is enough.
      List<VerificationCandidate> legacy = finder.legacy(signatures, digest, referrers.experimentalSignatures());
      anyCandidate |= !legacy.isEmpty();
      check(legacy, target, verified, rejected);
    }
    if (!anyCandidate) {
      throw new VerificationException(VerificationException.Reason.NO_SIGNATURES, "no signatures found");
    }
    if (verified.isEmpty()) {
      throw new VerificationException(VerificationException.Reason.NO_MATCHING_SIGNATURES,
          "no matching signatures: " + String.join("\n ", rejected));
    }
    return new VerificationReport(ref, digest, signatures, verified, bundlePath, rejected);
  }

  private static void check(List<VerificationCandidate> candidates, VerificationCandidate.Target target,
      List<VerifiedSignature> verified, List<String> rejected) {
    for (VerificationCandidate c : candidates) {
      VerificationCandidate.Verdict v = c.check(target);
      if (v.isVerified()) {
        verified.add(v.signature());
      } else {
        rejected.add(c.description() + ": " + v.reason());
      }
    }
  }

  /**
   * Verifies many images in parallel on {@code workers} threads, sharing this verifier's client (and so
   * its per-repository tokens). Outcomes are in the order of {@code refs}; one image's failure does not
   * affect the others.
   */
  public List<Outcome> verifyAll(List<ImageReference> refs, VerificationPolicy policy, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1");
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, refs.size())), r -> {
      Thread t = new Thread(r, "signet-verify");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<VerificationReport>> futures = new ArrayList<>();
      for (ImageReference ref : refs) {
        futures.add(pool.submit(() -> verify(ref, policy)));
      }
      List<Outcome> out = new ArrayList<>();
      for (int i = 0; i < refs.size(); i++) {
        out.add(await(refs.get(i), futures.get(i)));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome await(ImageReference ref, Future<VerificationReport> future) {
    try {
      return new Outcome(ref, Optional.of(future.get()), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return failed(ref, new SigningException("verify " + ref + ": interrupted", e));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return failed(ref, cause instanceof SigningException s ? s
          : new SigningException("verify " + ref + ": " + cause, cause));
    }
  }

  private static Outcome failed(ImageReference ref, SigningException e) {
    return new Outcome(ref, Optional.empty(), Optional.of(e));
  }
}
