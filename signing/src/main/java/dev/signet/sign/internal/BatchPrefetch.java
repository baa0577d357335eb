package dev.signet.sign.internal;

import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.SignatureBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads the signatures of many images with the registry's batch read ({@link RegistryClient#signatureBatch})
 * where it is offered: one request per signature repository and up to {@value #CHUNK} subjects, started
 * on the given pool before any image is verified. An image the batch did not answer (not offered, the
 * request failed, an error entry such as an unknown manifest, or a tag whose signatures live in another
 * repository) is verified with the usual per-image requests; an image whose answer did not match its
 * digests fails alone.
 */
public final class BatchPrefetch {
  /** Most subjects per batch request (the endpoint's limit). */
  public static final int CHUNK = 1000;

  /** For one image: a client answering from the batch, or why the batch answer is unusable, or neither. */
  public record Prefetched(Optional<PrefetchedSignatures> client, Optional<String> problem) {
    static final Prefetched NONE = new Prefetched(Optional.empty(), Optional.empty());
  }

  private final List<Slot> slots;

  private record Slot(Future<Optional<SignatureBatch>> batch, Repository repo, String subject) {}

  private BatchPrefetch(List<Slot> slots) {
    this.slots = slots;
  }

  /** No batch: every image is read per image. */
  public static BatchPrefetch none(int images) {
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      slots.add(null);
    }
    return new BatchPrefetch(slots);
  }

  /**
   * Starts the batch requests for {@code refs} on {@code pool}.
   *
   * @param signatures the repository holding an image's signatures
   */
  public static BatchPrefetch start(RegistryClient client, List<ImageReference> refs,
      Function<ImageReference, Repository> signatures, ExecutorService pool) {
    Map<Repository, List<Integer>> groups = new LinkedHashMap<>();
    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      ImageReference ref = refs.get(i);
      Repository repo = signatures.apply(ref);
      String subject = ref.digest().map(Object::toString)
          .orElse(repo.equals(ref.repository()) ? ref.tag().orElse(null) : null);
      subjects.add(subject);
      if (subject != null) {
        groups.computeIfAbsent(repo, r -> new ArrayList<>()).add(i);
      }
    }
    List<Slot> slots = new ArrayList<>(none(refs.size()).slots);
    for (Map.Entry<Repository, List<Integer>> g : groups.entrySet()) {
      List<Integer> indices = g.getValue();
      for (int from = 0; from < indices.size(); from += CHUNK) {
        List<Integer> chunk = indices.subList(from, Math.min(indices.size(), from + CHUNK));
        List<String> asked = chunk.stream().map(subjects::get).distinct().toList();
        Repository repo = g.getKey();
        Future<Optional<SignatureBatch>> batch = pool.submit(() -> fetch(client, repo, asked));
        for (int i : chunk) {
          slots.set(i, new Slot(batch, repo, subjects.get(i)));
        }
      }
    }
    return new BatchPrefetch(slots);
  }

  private static Optional<SignatureBatch> fetch(RegistryClient client, Repository repo, List<String> subjects) {
    try {
      return client.signatureBatch(repo, subjects);
    } catch (RegistryException | RuntimeException e) {
      return Optional.empty(); // the images are read one by one, which reports any real failure
    }
  }

  /** What the batch said about image {@code index} (waits for its batch request). */
  public Prefetched get(int index, RegistryClient client) throws InterruptedException {
    Slot slot = slots.get(index);
    if (slot == null) {
      return Prefetched.NONE;
    }
    Optional<SignatureBatch> batch;
    try {
      batch = slot.batch().get();
    } catch (ExecutionException e) {
      return Prefetched.NONE;
    }
    SignatureBatch.Subject answer = batch.map(b -> b.subjects().get(slot.subject())).orElse(null);
    if (answer == null || answer.error().isPresent()) {
      return Prefetched.NONE;
    }
    if (answer.problem().isPresent()) {
      return new Prefetched(Optional.empty(), answer.problem());
    }
    return answer.usable()
        ? new Prefetched(Optional.of(new PrefetchedSignatures(client, slot.repo(), answer)), Optional.empty())
        : Prefetched.NONE;
  }
}
