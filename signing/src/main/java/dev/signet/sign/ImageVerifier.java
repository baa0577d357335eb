package dev.signet.sign;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.internal.BatchPrefetch;
import dev.signet.sign.internal.PrefetchedSignatures;
import dev.signet.sign.internal.SignatureFinder;
import dev.signet.sign.internal.VerificationCandidate;
import dev.signet.verify.Candidate;
import dev.signet.verify.MultiVerificationResult;
import dev.signet.verify.SigstoreVerifier;
import dev.signet.verify.root.TrustedRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Verifies image signatures with the verification engine ({@link SigstoreVerifier}), in cosign's order:
 * pin the reference to a digest (a tag with a GET of its manifest, a digest as given); look for v3
 * bundles among the digest's referrers in the signature repository and check them; when none satisfies
 * the policy (cosign: only when there are none), also read and check the legacy
 * {@code sha256-<hex>.sig} signatures (and cosign's experimental OCI 1.1 signature referrers). Either
 * kind satisfying the policy (a key, or a certificate identity under the trusted root) is enough.
 *
 * <p>One engine and one engine policy serve a whole {@link #verifyAll} run; the trusted root is given
 * at construction (empty: key mode with {@code --insecure-ignore-tlog} only).
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
  private final TrustedRoot root;

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

  /** A verifier that trusts no log or CA: key mode with {@code --insecure-ignore-tlog}. */
  public ImageVerifier(RegistryClient client) {
    this(client, TrustedRoot.empty());
  }

  /**
   * @param client shared by all verifications (it caches one token per repository)
   * @param root the logs, CAs, CT logs and timestamp authorities signatures are verified against
   */
  public ImageVerifier(RegistryClient client, TrustedRoot root) {
    this.client = client;
    this.resolver = new ImageResolver(client);
    this.root = Objects.requireNonNull(root, "root");
  }

  /** Verifies the signatures of {@code ref} against {@code policy}. */
  public VerificationReport verify(ImageReference ref, VerificationPolicy policy) throws SigningException {
    return verify(ref, policy, VerificationCandidate.Engine.of(root, policy));
  }

  private VerificationReport verify(ImageReference ref, VerificationPolicy policy, VerificationCandidate.Engine engine)
      throws SigningException {
    return verify(ref, policy, engine, client, Optional.empty());
  }

  /** Verifies with the batch's answer for this image, or with per-image requests when it has none. */
  private VerificationReport verify(ImageReference ref, VerificationPolicy policy, VerificationCandidate.Engine engine,
      BatchPrefetch.Prefetched prefetched) throws SigningException {
    if (prefetched.problem().isPresent()) {
      throw new SigningException("verify " + ref + ": " + prefetched.problem().get());
    }
    if (prefetched.client().isPresent()) {
      PrefetchedSignatures c = prefetched.client().get();
      return verify(ref, policy, engine, c, Optional.of(c.subject()));
    }
    return verify(ref, policy, engine);
  }

  private VerificationReport verify(ImageReference ref, VerificationPolicy policy, VerificationCandidate.Engine engine,
      RegistryClient client, Optional<Digest> resolved) throws SigningException {
    Digest digest = ref.digest().isPresent() ? ref.digest().get()
        : resolved.isPresent() ? resolved.get() : resolver.resolve(ref).digest();
    Repository signatures = policy.signatureRepository(ref.repository());
    SignatureFinder finder = new SignatureFinder(client, policy.maxPayloadBytes());
    SignatureFinder.Referrers referrers = finder.referrers(signatures, digest);
    VerificationCandidate.Target target = new VerificationCandidate.Target(ref, digest, policy, engine);
    List<VerificationCandidate.Verdict> verified = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    List<VerificationCandidate> bundles = policy.legacyOnly() ? List.of() : finder.bundles(signatures, referrers.bundles());
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
    List<VerifiedSignature> reported = verified.stream().map(VerificationCandidate.Verdict::signature).toList();
    boolean tlogVerified = verified.stream().allMatch(VerificationCandidate.Verdict::tlogVerified);
    return new VerificationReport(ref, digest, signatures, reported, bundlePath, tlogVerified, rejected);
  }

  /** Prepares every candidate, checks the checkable ones in one engine call, and concludes each. */
  private static void check(List<VerificationCandidate> candidates, VerificationCandidate.Target target,
      List<VerificationCandidate.Verdict> verified, List<String> rejected) {
    List<VerificationCandidate> checked = new ArrayList<>();
    List<Candidate> forEngine = new ArrayList<>();
    for (VerificationCandidate c : candidates) {
      VerificationCandidate.Prepared p = c.prepare(target);
      if (p.candidate() == null) {
        rejected.add(c.description() + ": " + p.rejection());
      } else {
        checked.add(c);
        forEngine.add(p.candidate());
      }
    }
    if (forEngine.isEmpty()) {
      return;
    }
    List<MultiVerificationResult.Outcome> outcomes = target.engine().verifier()
        .verifyAll(forEngine, target.artifact(), target.engine().policy()).outcomes();
    for (int i = 0; i < checked.size(); i++) {
      VerificationCandidate c = checked.get(i);
      MultiVerificationResult.Outcome o = outcomes.get(i);
      VerificationCandidate.Verdict v = o.result().isPresent() ? c.conclude(target, o.result().get())
          : VerificationCandidate.Verdict.rejected(c.explain(target, o.failure().get()));
      if (v.isVerified()) {
        verified.add(v);
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
    return verifyAll(refs, policy, workers, o -> {});
  }

  /**
   * As {@link #verifyAll(List, VerificationPolicy, int)}, handing each outcome to {@code onEach} (on the
   * calling thread, in the order of {@code refs}) as soon as it and all before it are done, so results
   * can be printed while later images are still being checked.
   *
   * <p>With two or more images, the signatures are first asked for in bulk where the registry offers
   * the batch read ({@link RegistryClient#signatureBatch}: one request per signature repository and
   * {@value BatchPrefetch#CHUNK} images); images it does not answer are read one by one.
   */
  public List<Outcome> verifyAll(List<ImageReference> refs, VerificationPolicy policy, int workers,
      Consumer<Outcome> onEach) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1");
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, refs.size())), r -> {
      Thread t = new Thread(r, "signet-verify");
      t.setDaemon(true);
      return t;
    });
    VerificationCandidate.Engine engine = VerificationCandidate.Engine.of(root, policy); // one for every image
    try {
      // batch requests are queued first, so image tasks waiting for them never hold up the pool's queue
      BatchPrefetch prefetch = refs.size() < 2 ? BatchPrefetch.none(refs.size())
          : BatchPrefetch.start(client, refs, r -> policy.signatureRepository(r.repository()), pool);
      List<Future<VerificationReport>> futures = new ArrayList<>();
      for (int i = 0; i < refs.size(); i++) {
        ImageReference ref = refs.get(i);
        int index = i;
        futures.add(pool.submit(() -> verify(ref, policy, engine, prefetch.get(index, client))));
      }
      List<Outcome> out = new ArrayList<>();
      for (int i = 0; i < refs.size(); i++) {
        Outcome o = await(refs.get(i), futures.get(i));
        out.add(o);
        onEach.accept(o);
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
