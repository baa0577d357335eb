package dev.signet.registry.client;

import static dev.signet.registry.client.RegistryFixtures.ref;
import static dev.signet.registry.client.RegistryFixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialProvider;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Transport failures and protocol corners that docker-registry does not produce: a closed port, and
 * {@link ScriptedPeer}, a deliberately broken local HTTP peer (HTML 5xx, Retry-After, 412, pagination,
 * a referrers API, digest lies, cross-host redirects).
 */
class FailureModesTest {
  private static final String HTML = "<html><body><h1>502 Bad Gateway</h1></body></html>";
  private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
      + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,"
      + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},\"layers\":[]}";

  private final HttpRegistryClient client = RegistryFixtures.client();

  @Test
  void closedPortIsATransportErrorNotNotFound() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    assertThatThrownBy(() -> client.getManifest(ref(host + "/app:v1")))
        .isExactlyInstanceOf(RegistryTransportException.class)
        .hasMessageStartingWith("GET manifest " + host + "/app:v1: cannot connect to http://" + host)
        .hasMessageContaining("after 3 attempts");
    assertThatThrownBy(() -> client.headManifest(ref(host + "/app:v1")))
        .isExactlyInstanceOf(RegistryTransportException.class);
    assertThatThrownBy(() -> client.referrers(repo(host + "/app"), Digest.sha256(new byte[0]), Optional.empty()))
        .as("no 'no referrers' answer after a transport error")
        .isExactlyInstanceOf(RegistryTransportException.class);
  }

  @Test
  void htmlBadGatewayIsRetriedThenReportedClearly() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> ScriptedPeer.send(ex, 502, "text/html", HTML))) {
      assertThatThrownBy(() -> client.getManifest(ref(peer.host() + "/app:v1")))
          .isInstanceOfSatisfying(RegistryTransportException.class, e -> assertThat(e.httpStatus()).isEqualTo(502))
          .hasMessage("GET manifest " + peer.host() + "/app:v1: registry answered HTTP 502 with text/html instead of"
              + " a JSON error (after 3 attempts)");
      assertThat(peer.received()).hasSize(3);
    }
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> {
      if (n == 1) {
        ScriptedPeer.send(ex, 429, "application/json",
            "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}", "Retry-After", "1");
      } else {
        ScriptedPeer.send(ex, 200, MediaTypes.OCI_MANIFEST, MANIFEST);
      }
    })) {
      long start = System.nanoTime();
      Manifest m = client.getManifest(ref(peer.host() + "/app:v1"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
      assertThat(m.bytes()).isEqualTo(MANIFEST.getBytes(StandardCharsets.UTF_8));
      assertThat(peer.received()).hasSize(2);
    }
  }

  @Test
  void retryAfterBeyondTheLimitFailsAtOnce() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> ScriptedPeer.send(ex, 429, "application/json",
        "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"quota\"}]}", "Retry-After", "3600"))) {
      assertThatThrownBy(() -> client.getManifest(ref(peer.host() + "/app:v1")))
          .isInstanceOf(RegistryTransportException.class)
          .hasMessageContaining("TOOMANYREQUESTS quota");
      assertThat(peer.received()).hasSize(1);
    }
  }

  @Test
  void failedPreconditionIs412() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> ScriptedPeer.send(ex, 412, null, ""))) {
      Repository repo = repo(peer.host() + "/app");
      byte[] body = MANIFEST.getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> client.putManifest(repo, "sha256-abc", body, MediaTypes.OCI_INDEX,
          Precondition.ifMatch("\"sha256:old\"")))
          .isInstanceOf(PreconditionFailedException.class)
          .hasMessageStartingWith("PUT manifest " + repo + ":sha256-abc: HTTP 412");
      assertThat(peer.received().get(0).header("If-Match")).isEqualTo("\"sha256:old\"");
    }
  }

  @Test
  void tagListFollowsLinkPages() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> {
      if (ex.getRequestURI().getQuery() == null) {
        ScriptedPeer.send(ex, 200, "application/json", "{\"name\":\"app\",\"tags\":[\"a\",\"b\"]}",
            "Link", "</v2/app/tags/list?n=2&last=b>; rel=\"next\"");
      } else {
        ScriptedPeer.send(ex, 200, "application/json", "{\"name\":\"app\",\"tags\":[\"c\"]}");
      }
    })) {
      assertThat(client.listTags(repo(peer.host() + "/app"))).containsExactly("a", "b", "c");
      assertThat(peer.received().get(1).uri()).isEqualTo("/v2/app/tags/list?n=2&last=b");
    }
  }

  @Test
  void htmlWhereJsonIsExpectedIsATransportError() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> ScriptedPeer.send(ex, 200, "text/html", HTML))) {
      assertThatThrownBy(() -> client.listTags(repo(peer.host() + "/app")))
          .isInstanceOf(RegistryTransportException.class)
          .hasMessageContaining("registry answered HTTP 200 with text/html instead of a JSON tag list");
    }
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> ScriptedPeer.send(ex, 404, "text/html", HTML))) {
      assertThatThrownBy(() -> client.getManifest(ref(peer.host() + "/app:v1")))
          .as("an HTML 404 page is not a registry saying 'unknown'")
          .isExactlyInstanceOf(RegistryTransportException.class);
    }
  }

  @Test
  void referrersApiWithAndWithoutServerSideFiltering() throws Exception {
    Digest subject = Digest.sha256("subject".getBytes(StandardCharsets.UTF_8));
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"size\":10,\"digest\":\"" + Digest.sha256(new byte[1])
        + "\",\"artifactType\":\"application/x-a\"},"
        + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"size\":10,\"digest\":\"" + Digest.sha256(new byte[2])
        + "\",\"artifactType\":\"application/x-b\"}]}";
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> ScriptedPeer.send(ex, 200, MediaTypes.OCI_INDEX, index))) {
      Repository repo = repo(peer.host() + "/app");
      assertThat(client.supportsReferrersApi(repo)).isTrue();
      ReferrersResult r = client.referrers(repo, subject, Optional.of("application/x-b"));
      assertThat(r.source()).isEqualTo(ReferrersResult.Source.REFERRERS_API);
      assertThat(r.filteredByRegistry()).isFalse();
      assertThat(r.referrers()).extracting(d -> d.artifactType()).containsExactly("application/x-b");
      assertThat(peer.received().get(1).uri())
          .isEqualTo("/v2/app/referrers/" + subject + "?artifactType=application%2Fx-b");
    }
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> ScriptedPeer.send(ex, 200, MediaTypes.OCI_INDEX, index,
        "OCI-Filters-Applied", "artifactType"))) {
      ReferrersResult r = client.referrers(repo(peer.host() + "/app"), subject, Optional.of("application/x-b"));
      assertThat(r.filteredByRegistry()).isTrue();
      assertThat(r.referrers()).hasSize(2);
    }
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> ScriptedPeer.send(ex, 500, "application/json",
        "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"database down\"}]}"))) {
      assertThatThrownBy(() -> client.referrers(repo(peer.host() + "/app"), subject, Optional.empty()))
          .as("a 5xx is not 'no referrers API'")
          .isInstanceOf(RegistryTransportException.class)
          .hasMessageContaining("UNKNOWN database down");
    }
  }

  @Test
  void dockerContentDigestMismatchIsDetected() throws Exception {
    String lie = Digest.sha256("other".getBytes(StandardCharsets.UTF_8)).toString();
    try (ScriptedPeer peer = new ScriptedPeer((ex, n) -> ScriptedPeer.send(ex, 200, MediaTypes.OCI_MANIFEST,
        MANIFEST, "Docker-Content-Digest", lie))) {
      assertThatThrownBy(() -> client.getManifest(ref(peer.host() + "/app:v1")))
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining(lie);
      Digest asked = Digest.sha256("wanted".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> client.getManifest(ref(peer.host() + "/app@" + asked)))
          .isInstanceOf(DigestMismatchException.class);
    }
  }

  @Test
  void redirectToAnotherHostDropsAuthorization() throws Exception {
    byte[] blob = "redirected blob".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(blob);
    try (ScriptedPeer storage = new ScriptedPeer((ex, n) -> ScriptedPeer.send(ex, 200, "application/octet-stream",
        new String(blob, StandardCharsets.UTF_8)));
        ScriptedPeer registry = new ScriptedPeer((ex, n) -> {
          if (ex.getRequestHeaders().getFirst("Authorization") == null) {
            ScriptedPeer.send(ex, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}",
                "WWW-Authenticate", "Basic realm=\"test\"");
          } else {
            ScriptedPeer.send(ex, 307, null, "", "Location", "http://" + storage.host() + "/blob?sig=1");
          }
        })) {
      HttpRegistryClient authed = HttpRegistryClient.builder()
          .credentials(CredentialProvider.of(Map.of(registry.host(), Credential.basic("u", "p"))))
          .build();
      assertThat(authed.getBlob(repo(registry.host() + "/app"), d, 1024)).isEqualTo(blob);
      assertThat(registry.received().get(1).header("Authorization")).startsWith("Basic ");
      assertThat(storage.received()).hasSize(1);
      assertThat(storage.received().get(0).header("Authorization")).isNull();
    }
  }
}
