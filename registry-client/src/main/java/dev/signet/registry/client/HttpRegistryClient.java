package dev.signet.registry.client;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.auth.Authenticator;
import dev.signet.registry.client.auth.CredentialProvider;
import dev.signet.registry.client.internal.BlobGetEndpoint;
import dev.signet.registry.client.internal.BlobHeadEndpoint;
import dev.signet.registry.client.internal.BlobUploader;
import dev.signet.registry.client.internal.EndpointCaller;
import dev.signet.registry.client.internal.ManifestDeleteEndpoint;
import dev.signet.registry.client.internal.ManifestGetEndpoint;
import dev.signet.registry.client.internal.ManifestHeadEndpoint;
import dev.signet.registry.client.internal.ManifestPutEndpoint;
import dev.signet.registry.client.internal.PingEndpoint;
import dev.signet.registry.client.internal.ReferrersLookup;
import dev.signet.registry.client.internal.SignatureBatchEndpoint;
import dev.signet.registry.client.internal.TagListEndpoint;
import dev.signet.registry.client.internal.Transport;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RegistryClient} over HTTP (see {@link Transport} for the two wires). Plain HTTP is used for loopback registries
 * ({@code localhost}, 127.0.0.0/8, [::1]) and hosts given to {@link Builder#allowHttp}; everything else
 * is HTTPS. Build one with {@link #builder()} and share it.
 */
public final class HttpRegistryClient implements RegistryClient, AutoCloseable {
  /** The digest the referrers-API probe asks about: the empty descriptor's. */
  private static final Digest PROBE = new Digest(Digest.SHA256,
      "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  private static final int MAX_TAG_PAGES = 10_000;
  /** Blobs up to this size are pushed without a HEAD first. */
  static final int SMALL_BLOB = 64 * 1024;
  /** {@code registry/path@digest} of blobs known to be in their repository (pushed or found by this client). */
  private final Set<String> knownBlobs = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.Map<String, Object> uploading = new java.util.concurrent.ConcurrentHashMap<>();
  /** The header of a {@code GET /v2/} answer that offers the batch read of signatures. */
  static final String BATCH_HEADER = "Signet-Batch-Signatures";
  /** Blobs up to this size come inline in a batch answer. */
  static final long BATCH_INLINE_LIMIT = 64 * 1024;
  private final java.util.Map<String, Boolean> batchOffered = new java.util.concurrent.ConcurrentHashMap<>();

  private final EndpointCaller caller;
  private final BlobUploader uploader;
  private final ReferrersLookup referrers;
  private final long maxManifestBytes;
  private final Transport transport;

  private HttpRegistryClient(Builder b) {
    Transport transport = Transport.create(b.transportMode, b.connectTimeout, b.httpHosts, b.insecureHosts,
        b.userAgent, b.requestTimeout);
    this.transport = transport;
    Authenticator auth = new Authenticator(b.credentials, transport::clientFor, b.userAgent, b.requestTimeout);
    this.caller = new EndpointCaller(transport, auth, b.retry);
    this.uploader = new BlobUploader(caller);
    this.referrers = new ReferrersLookup(caller, b.maxManifestBytes);
    this.maxManifestBytes = b.maxManifestBytes;
  }

  /**
   * Stops the HTTP clients' selector threads. A JVM with a selector thread still in native code waits
   * about 0.3 s at exit for it, so one-shot commands close their client before exiting. Requests after
   * close fail with an I/O error.
   */
  @Override
  public void close() {
    transport.close();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<ManifestHead> headManifest(ImageReference ref) throws RegistryException {
    Optional<ManifestHeadEndpoint.Head> head = caller.call(ref.repository(), new ManifestHeadEndpoint(ref));
    if (head.isEmpty()) {
      return Optional.empty();
    }
    String header = head.get().digestHeader();
    if (header != null && Digest.isDigest(header.trim())) {
      Digest reported = parseDigest(header.trim());
      if (ref.digest().isPresent() && !ref.digest().get().equals(reported)) {
        throw new DigestMismatchException("HEAD manifest " + ref, "registry reports digest " + reported);
      }
      return Optional.of(new ManifestHead(reported, head.get().mediaType(), head.get().size()));
    }
    if (ref.digest().isPresent()) {
      return Optional.of(new ManifestHead(ref.digest().get(), head.get().mediaType(), head.get().size()));
    }
    // No Docker-Content-Digest on a tag HEAD: only the content tells the digest.
    Manifest m = getManifest(ref);
    return Optional.of(new ManifestHead(m.digest(), m.mediaType(), m.size()));
  }

  @Override
  public Manifest getManifest(ImageReference ref) throws RegistryException {
    return caller.call(ref.repository(), new ManifestGetEndpoint(ref, maxManifestBytes));
  }

  @Override
  public Digest putManifest(Repository repo, String tagOrDigest, byte[] body, String mediaType)
      throws RegistryException {
    return putManifest(repo, tagOrDigest, body, mediaType, Precondition.none());
  }

  @Override
  public Digest putManifest(Repository repo, String tagOrDigest, byte[] body, String mediaType,
      Precondition precondition) throws RegistryException {
    Digest digest = Digest.sha256(body);
    if (Digest.isDigest(tagOrDigest)) {
      Digest wanted = parseDigest(tagOrDigest);
      if (!wanted.matches(body)) {
        throw new IllegalArgumentException("manifest body does not hash to " + wanted);
      }
      digest = wanted;
    } else {
      try {
        ImageReference.of(repo, tagOrDigest);
      } catch (InvalidReferenceException e) {
        throw new IllegalArgumentException("not a tag or digest: " + tagOrDigest, e);
      }
    }
    return caller.call(repo, new ManifestPutEndpoint(repo, tagOrDigest, body, mediaType, precondition, digest));
  }

  @Override
  public void deleteManifest(ImageReference ref) throws RegistryException {
    caller.call(ref.repository(), new ManifestDeleteEndpoint(ref));
  }

  @Override
  public Optional<Long> headBlob(Repository repo, Digest digest) throws RegistryException {
    return caller.call(repo, new BlobHeadEndpoint(repo, digest));
  }

  @Override
  public byte[] getBlob(Repository repo, Digest digest, long maxBytes) throws RegistryException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    caller.call(repo, new BlobGetEndpoint(repo, digest, out, maxBytes));
    return out.toByteArray();
  }

  @Override
  public long getBlob(Repository repo, Digest digest, OutputStream sink) throws RegistryException {
    return caller.call(repo, new BlobGetEndpoint(repo, digest, sink, Long.MAX_VALUE));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A blob this client pushed to (or found in) {@code repo} before is not asked about again. A small
   * blob ({@value #SMALL_BLOB} bytes or less: signatures, bundles, configs, which are new nearly every
   * time) is uploaded without the {@code HEAD} first, in a single POST where the registry takes one;
   * storing a blob that was already there is harmless.
   */
  @Override
  public void pushBlob(Repository repo, Digest digest, byte[] content) throws RegistryException {
    if (!digest.matches(content)) {
      throw new IllegalArgumentException("content does not hash to " + digest);
    }
    String key = repo.registry() + "/" + repo.path() + "@" + digest;
    if (knownBlobs.contains(key)) {
      return;
    }
    // concurrent pushes of one blob to one repository (the empty config of many signatures) upload once
    Object lock = uploading.computeIfAbsent(key, k -> new Object());
    synchronized (lock) {
      if (knownBlobs.contains(key)) {
        return;
      }
      if (content.length <= SMALL_BLOB) {
        uploader.pushSmall(repo, digest, content);
      } else if (headBlob(repo, digest).isEmpty()) {
        uploader.pushMonolithic(repo, digest, content);
      }
      knownBlobs.add(key);
    }
    uploading.remove(key, lock);
  }

  @Override
  public Digest pushBlobChunked(Repository repo, InputStream content, int chunkSize) throws RegistryException {
    return uploader.pushChunked(repo, content, chunkSize);
  }

  /**
   * {@code GET /v2/} on {@code registry} ({@code host[:port]}) with the configured credentials, answering
   * the registry's challenge (bearer through its token endpoint, or basic) as {@code docker login} does.
   *
   * @throws UnauthorizedException when the registry refuses the credentials
   * @throws RegistryException when it cannot be reached or answers anything but 200
   */
  public void ping(String registry) throws RegistryException {
    Repository probe;
    try {
      probe = Repository.parse(registry + "/signet-login-check");
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException("not a registry host: " + registry, e);
    }
    caller.call(probe.registry(), probe.isLoopbackRegistry(), new PingEndpoint(probe.registry()));
  }

  @Override
  public boolean mountBlob(Repository to, Repository from, Digest digest) throws RegistryException {
    if (!to.registry().equals(from.registry())) {
      throw new IllegalArgumentException("cannot mount across registries: " + from + " → " + to);
    }
    return uploader.mount(to, from, digest);
  }

  @Override
  public List<String> listTags(Repository repo) throws RegistryException {
    List<String> tags = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    TagListEndpoint.Page page = caller.call(repo, new TagListEndpoint(repo, null));
    tags.addAll(page.tags());
    while (page.next().isPresent() && seen.add(page.next().get()) && seen.size() < MAX_TAG_PAGES) {
      page = caller.call(repo, new TagListEndpoint(repo, page.next().get()));
      tags.addAll(page.tags());
    }
    return tags;
  }

  @Override
  public ReferrersResult referrers(Repository repo, Digest subject, Optional<String> artifactType)
      throws RegistryException {
    return referrers.list(repo, subject, artifactType);
  }

  @Override
  public boolean supportsReferrersApi(Repository repo) throws RegistryException {
    return referrers.supported(repo, PROBE);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Offered when the registry's {@code GET /v2/} answer (asked once per registry, without
   * credentials: the header is on the 401 too) carries {@code Signet-Batch-Signatures: v1}; a 404, 405 or
   * 415 from the endpoint withdraws it for the rest of this client's life.
   */
  @Override
  public Optional<SignatureBatch> signatureBatch(Repository repo, List<String> subjects) throws RegistryException {
    String registry = repo.registry();
    // concurrent first callers for one registry wait for a single discovery
    if (!batchOffered.computeIfAbsent(registry, r -> discoverBatch(repo))) {
      return Optional.empty();
    }
    Optional<SignatureBatch> answer = caller.call(repo, new SignatureBatchEndpoint(repo, subjects, BATCH_INLINE_LIMIT));
    if (answer.isEmpty()) {
      batchOffered.put(registry, false);
    }
    return answer;
  }

  private boolean discoverBatch(Repository repo) {
    URI base = transport.baseUri(repo.registry(), repo.isLoopbackRegistry());
    try {
      java.net.http.HttpResponse<InputStream> r = caller.sendRaw(
          dev.signet.registry.client.internal.HttpCall.of("GET", base.resolve("/v2/")));
      r.body().close();
      return r.headers().allValues(BATCH_HEADER).stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
          .anyMatch(v -> v.trim().equalsIgnoreCase("v1"));
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** HTTP requests this client has sent (token fetches excepted); for request-count tests and benchmarks. */
  public long requestsSent() {
    return caller.requestsSent();
  }

  private static Digest parseDigest(String s) {
    try {
      return Digest.parse(s);
    } catch (dev.signet.oci.InvalidDigestException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Configures an {@link HttpRegistryClient}. */
  public static final class Builder {
    private CredentialProvider credentials = CredentialProvider.anonymous();
    private final Set<String> httpHosts = new HashSet<>();
    private final Set<String> insecureHosts = new HashSet<>();
    private String userAgent = "signet/0.1";
    private RetryPolicy retry = RetryPolicy.defaults();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private long maxManifestBytes = 8L << 20;
    private Transport.Mode transportMode = Transport.Mode.AUTO;

    private Builder() {}

    /**
     * Which HTTP implementation to use (default {@code AUTO}: a small HTTP/1.1 socket client while requests
     * come one at a time, {@code java.net.http} with HTTP/2 over TLS once they come concurrently).
     */
    public Builder transport(Transport.Mode mode) {
      this.transportMode = mode;
      return this;
    }

    public Builder credentials(CredentialProvider provider) {
      this.credentials = provider;
      return this;
    }

    /** Talk plain HTTP to these registries ({@code host[:port]}); loopback registries always are. */
    public Builder allowHttp(String... registries) {
      for (String r : registries) {
        httpHosts.add(r.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** Accept any TLS certificate from these registries ({@code host[:port]} or {@code host}). */
    public Builder allowInsecure(String... registries) {
      for (String r : registries) {
        insecureHosts.add(r.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retry = policy;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Time allowed until a response's headers arrive (a body may stream for longer). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** The largest manifest or index accepted (default 8 MiB; the spec asks registries for 4 MB). */
    public Builder maxManifestBytes(long max) {
      this.maxManifestBytes = max;
      return this;
    }

    public HttpRegistryClient build() {
      return new HttpRegistryClient(this);
    }
  }
}
