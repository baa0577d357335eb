package dev.signet.sign.internal;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.Precondition;
import dev.signet.registry.client.ReferrersResult;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.SignatureBatch;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RegistryClient} that answers one subject's signature look-ups from a batch answer
 * ({@link RegistryClient#signatureBatch}) and passes everything else to the real client: the subject's
 * referrers listing, the referrer manifests, its {@code .sig} / {@code .att} tags (absent from the
 * answer = no such tag) and the blobs the registry inlined. Blobs that were not inlined (too large) are
 * fetched normally. The batch content was digest-checked when it was read. One instance per image.
 */
public final class PrefetchedSignatures implements RegistryClient {
  private final RegistryClient delegate;
  private final Repository repo;
  private final Digest subject;
  private final SignatureBatch.Subject answer;
  private final Map<Digest, Manifest> manifests = new HashMap<>();
  private final Map<Digest, byte[]> blobs = new HashMap<>();

  /**
   * @param repo the signature repository the batch was asked in
   * @param answer a {@link SignatureBatch.Subject#usable() usable} answer for the subject
   */
  public PrefetchedSignatures(RegistryClient delegate, Repository repo, SignatureBatch.Subject answer) {
    if (!answer.usable()) {
      throw new IllegalArgumentException("the batch answer for this subject is not usable");
    }
    this.delegate = delegate;
    this.repo = repo;
    this.subject = answer.digest().orElseThrow();
    this.answer = answer;
    for (SignatureBatch.Referrer r : answer.referrers()) {
      try {
        Digest d = r.descriptor().parsedDigest(); // the batch reader checked the manifest against it
        manifests.put(d, new Manifest(r.manifest(), r.descriptor().mediaType(), d, Optional.empty()));
      } catch (dev.signet.oci.InvalidDigestException e) {
        continue; // not reachable: the reader refused such an answer
      }
      blobs.putAll(r.blobs());
    }
    for (Optional<SignatureBatch.Attached> a : List.of(answer.legacy(), answer.attestations())) {
      a.ifPresent(x -> {
        manifests.put(x.digest(), new Manifest(x.manifest(), x.mediaType(), x.digest(), Optional.empty()));
        blobs.putAll(x.blobs());
      });
    }
  }

  /** The subject's digest as the registry resolved it. */
  public Digest subject() {
    return subject;
  }

  @Override
  public ReferrersResult referrers(Repository r, Digest s, Optional<String> artifactType) throws RegistryException {
    if (!r.equals(repo) || !s.equals(subject)) {
      return delegate.referrers(r, s, artifactType);
    }
    List<Descriptor> all = answer.referrers().stream().map(SignatureBatch.Referrer::descriptor).toList();
    List<Descriptor> filtered = artifactType.isEmpty() ? all
        : all.stream().filter(d -> artifactType.get().equals(d.artifactType())).toList();
    return new ReferrersResult(filtered, ReferrersResult.Source.REFERRERS_API, false);
  }

  @Override
  public Manifest getManifest(ImageReference ref) throws RegistryException {
    if (!ref.repository().equals(repo)) {
      return delegate.getManifest(ref);
    }
    if (ref.digest().isPresent()) {
      Manifest m = manifests.get(ref.digest().get());
      return m != null ? m : delegate.getManifest(ref);
    }
    String tag = ref.tag().orElse("");
    Optional<SignatureBatch.Attached> attached = tag.equals(SignatureTags.signatureTag(subject)) ? answer.legacy()
        : tag.equals(SignatureTags.attestationTag(subject)) ? answer.attestations() : null;
    if (attached == null) {
      return delegate.getManifest(ref);
    }
    if (attached.isEmpty()) {
      throw new NotFoundException("GET manifest " + ref, ErrorCode.MANIFEST_UNKNOWN,
          "the registry's batch answer lists no such tag", List.of());
    }
    return manifests.get(attached.get().digest());
  }

  @Override
  public byte[] getBlob(Repository r, Digest digest, long maxBytes) throws RegistryException {
    byte[] b = r.equals(repo) ? blobs.get(digest) : null;
    return b != null && b.length <= maxBytes ? b.clone() : delegate.getBlob(r, digest, maxBytes);
  }

  @Override
  public long getBlob(Repository r, Digest digest, OutputStream sink) throws RegistryException {
    return delegate.getBlob(r, digest, sink);
  }

  @Override
  public Optional<ManifestHead> headManifest(ImageReference ref) throws RegistryException {
    return delegate.headManifest(ref);
  }

  @Override
  public Digest putManifest(Repository r, String tagOrDigest, byte[] body, String mediaType) throws RegistryException {
    return delegate.putManifest(r, tagOrDigest, body, mediaType);
  }

  @Override
  public Digest putManifest(Repository r, String tagOrDigest, byte[] body, String mediaType, Precondition precondition)
      throws RegistryException {
    return delegate.putManifest(r, tagOrDigest, body, mediaType, precondition);
  }

  @Override
  public void deleteManifest(ImageReference ref) throws RegistryException {
    delegate.deleteManifest(ref);
  }

  @Override
  public Optional<Long> headBlob(Repository r, Digest digest) throws RegistryException {
    return delegate.headBlob(r, digest);
  }

  @Override
  public void pushBlob(Repository r, Digest digest, byte[] content) throws RegistryException {
    delegate.pushBlob(r, digest, content);
  }

  @Override
  public Digest pushBlobChunked(Repository r, InputStream content, int chunkSize) throws RegistryException {
    return delegate.pushBlobChunked(r, content, chunkSize);
  }

  @Override
  public boolean mountBlob(Repository to, Repository from, Digest digest) throws RegistryException {
    return delegate.mountBlob(to, from, digest);
  }

  @Override
  public List<String> listTags(Repository r) throws RegistryException {
    return delegate.listTags(r);
  }

  @Override
  public boolean supportsReferrersApi(Repository r) throws RegistryException {
    return delegate.supportsReferrersApi(r);
  }
}
