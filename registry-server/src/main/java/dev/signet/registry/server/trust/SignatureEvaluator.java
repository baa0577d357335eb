package dev.signet.registry.server.trust;

import dev.signet.cosign.AccessoryType;
import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.ManifestRecord;
import dev.signet.registry.server.storage.MetadataStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a stored signature manifest against trust anchors for one subject ({@link EntryVerifier}, the
 * engine) and records the results: eagerly when the signature is pushed, lazily at pull time for anchors
 * added since.
 */
final class SignatureEvaluator {
  /** Accessory types whose entries are signatures (cosign verify counts attestation bundles too). */
  static final Set<String> SIGNATURE_TYPES = Set.of(AccessoryType.COSIGN_SIGNATURE.name(),
      AccessoryType.SIGSTORE_BUNDLE.name(), AccessoryType.IN_TOTO_ATTESTATION.name());
  /** Larger payload blobs are not read (cosign's own limit is 128 MiB; signatures are a few KiB). */
  static final int MAX_PAYLOAD_BYTES = 32 << 20;

  private final MetadataStore meta;
  private final BlobStore blobs;
  private final ResultStore results;
  private final Clock clock;

  SignatureEvaluator(MetadataStore meta, BlobStore blobs, ResultStore results, Clock clock) {
    this.meta = meta;
    this.blobs = blobs;
    this.results = results;
    this.clock = clock;
  }

  /** Verifies {@code signature} for {@code subject} against {@code anchors}, records and returns the results. */
  List<VerificationResult> evaluate(String repo, Digest subject, Digest signature, List<TrustAnchor> anchors) {
    if (anchors.isEmpty()) {
      return List.of();
    }
    Optional<ManifestRecord> m = meta.manifest(repo, signature);
    if (m.isEmpty()) {
      return List.of();
    }
    List<SignedEntry> entries = SignatureEntries.of(m.get().content(), d -> read(repo, d));
    Instant now = clock.instant();
    List<VerificationResult> out = new ArrayList<>();
    for (TrustAnchor a : anchors) {
      if (entries.isEmpty()) {
        out.add(new VerificationResult(repo, subject, signature, a.fingerprint(), -1, Outcome.INVALID, null,
            "format: the manifest holds no signature layer", Map.of(), null, now));
      }
      for (SignedEntry e : entries) {
        EntryVerifier.Check c = EntryVerifier.verify(e, a, subject, m.get().created());
        out.add(new VerificationResult(repo, subject, signature, a.fingerprint(), e.index(), c.outcome(), c.signer(),
            c.reason(), c.annotations(), c.predicateType(), now));
      }
    }
    results.record(repo, subject, signature, out);
    return out;
  }

  private Optional<byte[]> read(String repo, Digest digest) {
    Optional<Long> size = meta.linkedBlob(repo, digest);
    if (size.isEmpty() || size.get() > MAX_PAYLOAD_BYTES) {
      return Optional.empty();
    }
    Optional<SeekableByteChannel> ch = blobs.open(digest);
    if (ch.isEmpty()) {
      return Optional.empty();
    }
    try (SeekableByteChannel c = ch.get()) {
      if (c.size() > MAX_PAYLOAD_BYTES) {
        return Optional.empty();
      }
      ByteBuffer buf = ByteBuffer.allocate((int) c.size());
      while (buf.hasRemaining() && c.read(buf) >= 0) {
        // keep reading
      }
      return buf.hasRemaining() ? Optional.empty() : Optional.of(buf.array());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
