package dev.signet.sign;

import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.Precondition;
import dev.signet.registry.client.ReferrersResult;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.sign.internal.Pauser;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.Skopeo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real components for signing and verification tests: a docker-registry peer (shared per JVM through
 * {@code DockerRegistryExtension}), images pushed with skopeo from deterministic OCI layouts, an
 * {@link HttpRegistryClient}, a fresh P-256 key, and an {@link ImageSigner} that does not pause.
 */
public final class SigningFixtures {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000L, 36);

  private final DockerRegistryPeer registry;
  private final Path layouts;
  private final RegistryClient client;
  private final PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();

  /** An image pushed to the registry: its tag reference, digest and the layout it came from. */
  public record Pushed(ImageReference tagRef, Digest digest, LayoutImage image) {
    public ImageReference byDigest() {
      return tagRef.withDigest(digest);
    }

    public Repository repository() {
      return tagRef.repository();
    }

    /** The subject descriptor referrers of this image point at. */
    public Descriptor descriptor() {
      return Descriptor.of(MediaTypes.OCI_MANIFEST, digest, image.size());
    }
  }

  public SigningFixtures(DockerRegistryPeer registry, Path tmp) {
    this.registry = registry;
    this.layouts = tmp.resolve("layouts");
    this.client = newClient(RetryPolicy.defaults());
  }

  public DockerRegistryPeer registry() {
    return registry;
  }

  public RegistryClient client() {
    return client;
  }

  /** A client with the given retry policy (tests of transport failures use {@link RetryPolicy#none()}). */
  public static HttpRegistryClient newClient(RetryPolicy retry) {
    return HttpRegistryClient.builder().retryPolicy(retry).connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(20)).build();
  }

  public PrivateKeyHandle key() {
    return key;
  }

  public PublicKey publicKey() {
    return key.publicKey();
  }

  public Signer signer() {
    return Signers.from(key);
  }

  /** A unique repository path under {@code prefix}, so tests sharing the registry never collide. */
  public static String uniquePath(String prefix) {
    return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
  }

  /** {@code 127.0.0.1:PORT/<path>}. */
  public Repository repository(String path) {
    try {
      return Repository.parse(registry.repository(path));
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Pushes a fresh single-platform image (content unique to this call) to {@code <prefix-…>:tag}. */
  public Pushed push(String prefix, String tag) {
    String path = uniquePath(prefix);
    LayoutImage image = OciLayoutFixture.writeImage(layouts.resolve(path), tag, path + ":" + tag);
    Skopeo.create().copy(image, "docker://" + registry.repository(path + ":" + tag));
    return new Pushed(parse(registry.repository(path + ":" + tag)), image.digest(), image);
  }

  public static ImageReference parse(String ref) {
    try {
      return ImageReference.parse(ref);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The key-mode policy that can succeed today: tlog ignored, claims checked. */
  public VerificationPolicy policy() {
    return VerificationPolicy.forKey(publicKey()).withIgnoreTlog(true);
  }

  public static Pauser noPause() {
    return new Pauser() {
      @Override
      public void pause(int attempt) {}

      @Override
      public void settle(long windowMillis) {}
    };
  }

  public ImageSigner imageSigner() {
    return new ImageSigner(client, Clock.systemUTC(), noPause());
  }

  /** Signs {@code ref} (resolved first) with this fixture's key. */
  public SignResult sign(ImageReference ref, SignOptions options) throws SigningException {
    return sign(ref, options, signer());
  }

  public SignResult sign(ImageReference ref, SignOptions options, Signer with) throws SigningException {
    ResolvedImage image = new ImageResolver(client).resolve(ref);
    List<SignResult> results = imageSigner().sign(image, with, options);
    return results.get(0);
  }

  public SignResult sign(ImageReference ref, SignatureFormat format) throws SigningException {
    return sign(ref, SignOptions.defaults().withFormat(format));
  }

  /** Writes this fixture's public key as {@code cosign.pub} PEM. */
  public Path writePublicKey(Path file) {
    try {
      return Files.writeString(file, PublicKeys.toPem(publicKey()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A self-signed PEM certificate for this fixture's key (to make certificate bundles). */
  public String selfSignedCertificatePem() throws Exception {
    X500Name name = new X500Name("CN=signet-test");
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(60)),
        Date.from(now.plusSeconds(3600)), name, publicKey());
    byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.unwrapPrivateKey()))
        .getEncoded();
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }

  /** A 127.0.0.1 port nothing listens on (bound, then released). */
  public static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A {@link RegistryClient} that forwards to a real one, records each operation as
   * {@code "<op> <target>"} (e.g. {@code "getManifest 127.0.0.1:5000/a:sha256-….sig"}), and fails with a
   * {@link RegistryTransportException} (as a throttling or broken registry would) whenever
   * {@code failWhen} matches the record.
   */
  public static final class FaultyClient implements RegistryClient {
    private final RegistryClient delegate;
    private final Predicate<String> failWhen;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public FaultyClient(RegistryClient delegate, Predicate<String> failWhen) {
      this.delegate = delegate;
      this.failWhen = failWhen;
    }

    public List<String> calls() {
      return List.copyOf(calls);
    }

    private void record(String op, Object target) throws RegistryException {
      String call = op + " " + target;
      calls.add(call);
      if (failWhen.test(call)) {
        throw new RegistryTransportException(call, "registry answered HTTP 503 (injected)", 503, List.of(), null);
      }
    }

    @Override
    public Optional<ManifestHead> headManifest(ImageReference ref) throws RegistryException {
      record("headManifest", ref);
      return delegate.headManifest(ref);
    }

    @Override
    public Manifest getManifest(ImageReference ref) throws RegistryException {
      record("getManifest", ref);
      return delegate.getManifest(ref);
    }

    @Override
    public Digest putManifest(Repository repo, String tagOrDigest, byte[] body, String mediaType)
        throws RegistryException {
      record("putManifest", repo + ":" + tagOrDigest);
      return delegate.putManifest(repo, tagOrDigest, body, mediaType);
    }

    @Override
    public Digest putManifest(Repository repo, String tagOrDigest, byte[] body, String mediaType,
        Precondition precondition) throws RegistryException {
      record("putManifest", repo + ":" + tagOrDigest);
      return delegate.putManifest(repo, tagOrDigest, body, mediaType, precondition);
    }

    @Override
    public void deleteManifest(ImageReference ref) throws RegistryException {
      record("deleteManifest", ref);
      delegate.deleteManifest(ref);
    }

    @Override
    public Optional<Long> headBlob(Repository repo, Digest digest) throws RegistryException {
      record("headBlob", repo + "@" + digest);
      return delegate.headBlob(repo, digest);
    }

    @Override
    public byte[] getBlob(Repository repo, Digest digest, long maxBytes) throws RegistryException {
      record("getBlob", repo + "@" + digest);
      return delegate.getBlob(repo, digest, maxBytes);
    }

    @Override
    public long getBlob(Repository repo, Digest digest, OutputStream sink) throws RegistryException {
      record("getBlob", repo + "@" + digest);
      return delegate.getBlob(repo, digest, sink);
    }

    @Override
    public void pushBlob(Repository repo, Digest digest, byte[] content) throws RegistryException {
      record("pushBlob", repo + "@" + digest);
      delegate.pushBlob(repo, digest, content);
    }

    @Override
    public Digest pushBlobChunked(Repository repo, InputStream content, int chunkSize) throws RegistryException {
      record("pushBlobChunked", repo);
      return delegate.pushBlobChunked(repo, content, chunkSize);
    }

    @Override
    public boolean mountBlob(Repository to, Repository from, Digest digest) throws RegistryException {
      record("mountBlob", to + "@" + digest);
      return delegate.mountBlob(to, from, digest);
    }

    @Override
    public List<String> listTags(Repository repo) throws RegistryException {
      record("listTags", repo);
      return delegate.listTags(repo);
    }

    @Override
    public ReferrersResult referrers(Repository repo, Digest subject, Optional<String> artifactType)
        throws RegistryException {
      record("referrers", repo + "@" + subject);
      return delegate.referrers(repo, subject, artifactType);
    }

    @Override
    public boolean supportsReferrersApi(Repository repo) throws RegistryException {
      record("supportsReferrersApi", repo);
      return delegate.supportsReferrersApi(repo);
    }
  }

  /** Annotations as an ordered map literal, for readability in tests. */
  public static Map<String, String> annotations(String... kv) {
    Map<String, String> m = new java.util.TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
