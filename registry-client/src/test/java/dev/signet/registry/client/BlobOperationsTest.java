package dev.signet.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.auth.Authenticator;
import dev.signet.registry.client.auth.CredentialProvider;
import dev.signet.registry.client.internal.EndpointCaller;
import dev.signet.registry.client.internal.Transport;
import dev.signet.registry.client.internal.UploadFinishEndpoint;
import dev.signet.registry.client.internal.UploadStartEndpoint;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Blob verbs against docker-registry 2.8; the registry's request log shows what was sent. */
@ExtendWith(DockerRegistryExtension.class)
class BlobOperationsTest {
  private final HttpRegistryClient client = RegistryFixtures.client();

  @Test
  void monolithicPushThenHeadAndGet(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "blobs");
    byte[] content = ("monolithic " + repo).getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(content);
    assertThat(client.headBlob(repo, d)).isEmpty();

    client.pushBlob(repo, d, content);
    assertThat(client.headBlob(repo, d)).contains((long) content.length);
    assertThat(client.getBlob(repo, d, 1024)).isEqualTo(content);

    long postsBefore = count(registry, "POST", repo);
    client.pushBlob(repo, d, content);
    assertThat(count(registry, "POST", repo)).as("second push is skipped").isEqualTo(postsBefore);
  }

  @Test
  void chunkedPushOfMoreThanThreeMebibytes(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "blobs");
    byte[] content = new byte[3 * 1024 * 1024 + 12_345];
    new Random(42).nextBytes(content);
    Digest d = client.pushBlobChunked(repo, new ByteArrayInputStream(content), 1024 * 1024);
    assertThat(d).isEqualTo(Digest.sha256(content));
    assertThat(count(registry, "PATCH", repo)).isEqualTo(4);
    assertThat(client.headBlob(repo, d)).contains((long) content.length);

    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThat(client.getBlob(repo, d, sink)).isEqualTo(content.length);
    assertThat(sink.toByteArray()).isEqualTo(content);
  }

  @Test
  void emptyChunkedPush(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "blobs");
    Digest d = client.pushBlobChunked(repo, new ByteArrayInputStream(new byte[0]), 1024);
    assertThat(d).isEqualTo(Digest.sha256(new byte[0]));
    assertThat(client.headBlob(repo, d)).contains(0L);
  }

  @Test
  void getBlobEnforcesTheLimitAndReportsMissingBlobs(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "blobs");
    byte[] content = new byte[4096];
    Digest d = Digest.sha256(content);
    client.pushBlob(repo, d, content);
    assertThatThrownBy(() -> client.getBlob(repo, d, 100))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("limit of 100");
    Digest missing = Digest.sha256("missing".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> client.getBlob(repo, missing, 100))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UNKNOWN))
        .hasMessageStartingWith("GET blob " + repo + "@" + missing + ": BLOB_UNKNOWN");
  }

  @Test
  void pushRefusesContentThatDoesNotMatchItsDigest(DockerRegistryPeer registry) {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "blobs");
    assertThatThrownBy(() -> client.pushBlob(repo, Digest.sha256(new byte[1]), new byte[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void registryRejectsAWrongDigestWithDigestInvalid(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "blobs");
    EndpointCaller caller = new EndpointCaller(
        new Transport(HttpClient.newHttpClient(), HttpClient.newHttpClient(), Set.of(), Set.of(), "test",
            Duration.ofSeconds(30)),
        new Authenticator(CredentialProvider.anonymous(), u -> HttpClient.newHttpClient(), "test",
            Duration.ofSeconds(30)),
        RetryPolicy.none());
    UploadStartEndpoint.Started started = caller.call(repo, new UploadStartEndpoint(repo));
    Digest wrong = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> caller.call(repo,
        new UploadFinishEndpoint(repo, started.location(), wrong, "content".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(DigestMismatchException.class,
            e -> assertThat(e.errorCode()).hasValue(ErrorCode.DIGEST_INVALID))
        .hasMessageStartingWith("PUT blob " + repo + "@" + wrong + ": DIGEST_INVALID");
  }

  @Test
  void mountBetweenRepositories(DockerRegistryPeer registry) throws Exception {
    Repository from = RegistryFixtures.uniqueRepo(registry, "blobs");
    Repository to = RegistryFixtures.uniqueRepo(registry, "blobs");
    byte[] content = ("mount me " + from).getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(content);
    client.pushBlob(from, d, content);

    assertThat(client.mountBlob(to, from, d)).isTrue();
    assertThat(client.headBlob(to, d)).contains((long) content.length);

    Digest absent = Digest.sha256(("not there " + from).getBytes(StandardCharsets.UTF_8));
    assertThat(client.mountBlob(to, from, absent)).isFalse();
    assertThat(eventually(() -> count(registry, "DELETE", to), 1)).as("the opened upload was cancelled").isEqualTo(1);
  }

  /** The registry writes its access log asynchronously: wait up to 5 s for the expected count. */
  private static long eventually(java.util.function.LongSupplier count, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    long n = count.getAsLong();
    while (n < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
      n = count.getAsLong();
    }
    return n;
  }

  private static long count(DockerRegistryPeer registry, String method, Repository repo) {
    return registry.requestLog().stream()
        .filter(r -> r.method().equals(method) && r.path().startsWith("/v2/" + repo.path() + "/"))
        .count();
  }
}
