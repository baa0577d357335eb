package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.Manifests;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.Precondition;
import dev.signet.registry.client.ReferrersResult;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryError;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.registry.client.SignatureBatch;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.Skopeo;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageVerifier#verifyAll} with a registry that answers the batch read. Until the Signet
 * registry's endpoint is merged (BulkRequestsTest in cli covers it against the real server), the batch
 * answers here are assembled from what distribution 2.8 actually stores for signed images, read
 * beforehand; the verifier must then check every image without another request, fail alone an image
 * whose answer is unusable, and read per image one the batch did not answer.
 */
@ExtendWith(DockerRegistryExtension.class)
class BatchVerificationTest {
  @TempDir Path tmp;

  @Test
  void verifiesFromTheBatchAnswerAloneAndFallsBackPerImage(DockerRegistryPeer registry) throws Exception {
    SigningFixtures fx = new SigningFixtures(registry, tmp);
    String path = SigningFixtures.uniquePath("batch/app");
    List<ImageReference> refs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      LayoutImage image = OciLayoutFixture.writeImage(tmp.resolve("l" + i), "v" + i, path + ":v" + i);
      Skopeo.create().copy(image, "docker://" + registry.repository(path + ":v" + i));
      ImageReference ref = SigningFixtures.parse(registry.repository(path + "@" + image.digest()));
      fx.sign(ref, i % 2 == 0 ? SignatureFormat.BUNDLE : SignatureFormat.LEGACY);
      refs.add(ref);
    }
    Repository repo = refs.get(0).repository();
    Map<String, SignatureBatch.Subject> answers = new LinkedHashMap<>();
    for (ImageReference ref : refs) {
      answers.put(ref.digest().orElseThrow().toString(), read(fx.client(), repo, ref.digest().orElseThrow()));
    }
    String unusable = refs.get(3).digest().orElseThrow().toString();
    answers.put(unusable, SignatureBatch.Subject.failed(Optional.empty(),
        "batch answer for " + unusable + ": blob sha256:00 does not match its digest"));
    String unknown = refs.get(4).digest().orElseThrow().toString();
    answers.put(unknown, SignatureBatch.Subject.failed(Optional.of(RegistryError.of(ErrorCode.MANIFEST_UNKNOWN,
        "not known")), null));

    HttpRegistryClient http = SigningFixtures.newClient(RetryPolicy.defaults());
    BatchingClient client = new BatchingClient(http, new SignatureBatch(answers));
    List<ImageVerifier.Outcome> outcomes = new ImageVerifier(client).verifyAll(refs, fx.policy(), 4);

    assertThat(client.batches.get()).as("one batch for the repository").isEqualTo(1);
    assertThat(outcomes).extracting(ImageVerifier.Outcome::reference).containsExactlyElementsOf(refs);
    for (int i : new int[] {0, 1, 2, 4}) {
      assertThat(outcomes.get(i).verified()).as("image %d: %s", i, outcomes.get(i).failure()).isTrue();
      assertThat(outcomes.get(i).report().orElseThrow().format())
          .isEqualTo(i % 2 == 0 ? SignatureFormat.BUNDLE : SignatureFormat.LEGACY);
    }
    assertThat(outcomes.get(3).failure()).get().isNotInstanceOf(VerificationException.class)
        .extracting(Throwable::getMessage).asString().contains("does not match its digest").contains(unusable);
    // only the image answered with MANIFEST_UNKNOWN is read per image: referrers probe, fallback tag, bundle manifest, blob
    assertThat(http.requestsSent()).isEqualTo(4);
  }

  /** What the batch would say about {@code subject}, read from the registry with per-object requests. */
  private static SignatureBatch.Subject read(RegistryClient c, Repository repo, Digest subject) throws Exception {
    List<SignatureBatch.Referrer> referrers = new ArrayList<>();
    for (Descriptor d : c.referrers(repo, subject, Optional.empty()).referrers()) {
      byte[] m = c.getManifest(ImageReference.of(repo, d.parsedDigest())).bytes();
      referrers.add(new SignatureBatch.Referrer(d, m, blobs(c, repo, Manifests.parseManifest(m).layers())));
    }
    Optional<SignatureBatch.Attached> legacy;
    try {
      Manifest m = c.getManifest(ImageReference.of(repo, SignatureTags.signatureTag(subject)));
      legacy = Optional.of(new SignatureBatch.Attached(SignatureTags.signatureTag(subject), m.digest(), m.mediaType(),
          m.bytes(), blobs(c, repo, Manifests.parseManifest(m.bytes()).layers())));
    } catch (NotFoundException e) {
      legacy = Optional.empty();
    }
    ManifestHead head = c.headManifest(ImageReference.of(repo, subject)).orElseThrow();
    return new SignatureBatch.Subject(Optional.of(subject), head.mediaType(), head.size(), referrers, legacy,
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static Map<Digest, byte[]> blobs(RegistryClient c, Repository repo, List<Descriptor> layers) throws Exception {
    Map<Digest, byte[]> out = new HashMap<>();
    for (Descriptor l : layers) {
      out.put(l.parsedDigest(), c.getBlob(repo, l.parsedDigest(), 1 << 20));
    }
    return out;
  }

  /** A real client plus a fixed batch answer: the registry side of the batch read, for this test. */
  private static final class BatchingClient implements RegistryClient {
    private final RegistryClient d;
    private final SignatureBatch answer;
    final AtomicInteger batches = new AtomicInteger();

    BatchingClient(RegistryClient delegate, SignatureBatch answer) {
      this.d = delegate;
      this.answer = answer;
    }

    @Override
    public Optional<SignatureBatch> signatureBatch(Repository repo, List<String> subjects) {
      batches.incrementAndGet();
      Map<String, SignatureBatch.Subject> asked = new HashMap<>();
      subjects.forEach(s -> asked.put(s, answer.subjects().get(s)));
      return Optional.of(new SignatureBatch(asked));
    }

    @Override
    public Optional<ManifestHead> headManifest(ImageReference ref) throws RegistryException {
      return d.headManifest(ref);
    }

    @Override
    public Manifest getManifest(ImageReference ref) throws RegistryException {
      return d.getManifest(ref);
    }

    @Override
    public Digest putManifest(Repository r, String t, byte[] b, String m) throws RegistryException {
      return d.putManifest(r, t, b, m);
    }

    @Override
    public Digest putManifest(Repository r, String t, byte[] b, String m, Precondition p) throws RegistryException {
      return d.putManifest(r, t, b, m, p);
    }

    @Override
    public void deleteManifest(ImageReference ref) throws RegistryException {
      d.deleteManifest(ref);
    }

    @Override
    public Optional<Long> headBlob(Repository r, Digest digest) throws RegistryException {
      return d.headBlob(r, digest);
    }

    @Override
    public byte[] getBlob(Repository r, Digest digest, long max) throws RegistryException {
      return d.getBlob(r, digest, max);
    }

    @Override
    public long getBlob(Repository r, Digest digest, OutputStream sink) throws RegistryException {
      return d.getBlob(r, digest, sink);
    }

    @Override
    public void pushBlob(Repository r, Digest digest, byte[] content) throws RegistryException {
      d.pushBlob(r, digest, content);
    }

    @Override
    public Digest pushBlobChunked(Repository r, InputStream content, int chunk) throws RegistryException {
      return d.pushBlobChunked(r, content, chunk);
    }

    @Override
    public boolean mountBlob(Repository to, Repository from, Digest digest) throws RegistryException {
      return d.mountBlob(to, from, digest);
    }

    @Override
    public List<String> listTags(Repository r) throws RegistryException {
      return d.listTags(r);
    }

    @Override
    public ReferrersResult referrers(Repository r, Digest s, Optional<String> type) throws RegistryException {
      return d.referrers(r, s, type);
    }

    @Override
    public boolean supportsReferrersApi(Repository r) throws RegistryException {
      return d.supportsReferrersApi(r);
    }
  }
}
