package dev.signet.testing.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DockerRegistryExtension.class)
class DockerRegistryPeerTest {
  @TempDir Path tmp;

  @Test
  void sharedPeerAnswersPingAndSkopeoRoundTripsByteExact(DockerRegistryPeer registry) throws Exception {
    HttpResponse<String> ping = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(registry.url() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.headers().firstValue("Docker-Distribution-Api-Version")).hasValue("registry/2.0");

    LayoutImage image = OciLayoutFixture.writeImage(tmp, "v1", "peer-test");
    Skopeo skopeo = Skopeo.create();
    skopeo.copy(image, "docker://" + registry.repository("peer/app:v1"));
    assertThat(skopeo.inspectRaw("docker://" + registry.repository("peer/app:v1"))).isEqualTo(image.bytes());
    assertThat(skopeo.listTags("docker://" + registry.repository("peer/app"))).contains("\"v1\"");
    assertThat(registry.requestLog()).anyMatch(r -> r.method().equals("PUT")
        && r.path().equals("/v2/peer/app/manifests/v1") && r.status() == 201);
  }

  @Test
  void indexIsCopiedWithAllPlatforms(DockerRegistryPeer registry) {
    LayoutImage index = OciLayoutFixture.writeIndex(tmp, "multi", "peer-index");
    Skopeo skopeo = Skopeo.create();
    skopeo.copy(index, "docker://" + registry.repository("peer/multi:m"));
    assertThat(skopeo.inspectRaw("docker://" + registry.repository("peer/multi:m"))).isEqualTo(index.bytes());
    assertThat(skopeo.inspectRaw("docker://" + registry.repository("peer/multi@" + index.children().get(1).digest())))
        .isEqualTo(index.children().get(1).bytes());
  }

  @Test
  void htpasswdPeerRequiresCredentials() {
    try (DockerRegistryPeer registry = DockerRegistryPeer.start(RegistryAuth.htpasswd(Map.of("alice", "s3cret")))) {
      LayoutImage image = OciLayoutFixture.writeImage(tmp, "v1", "htpasswd");
      Skopeo skopeo = Skopeo.create();
      assertThat(skopeo.tryRun(java.util.List.of("copy", "--dest-tls-verify=false", image.skopeoName(),
          "docker://" + registry.repository("auth/app:v1"))).succeeded()).isFalse();
      skopeo.withCredentials("alice", "s3cret").copy(image, "docker://" + registry.repository("auth/app:v1"));
    }
  }

  @Test
  void tokenPeerAcceptsIssuerTokens() {
    try (TokenIssuer issuer = TokenIssuer.start().user("bob", "pw");
        DockerRegistryPeer registry = DockerRegistryPeer.start(RegistryAuth.token(issuer))) {
      LayoutImage image = OciLayoutFixture.writeImage(tmp, "v1", "token");
      Skopeo.create().withCredentials("bob", "pw").copy(image, "docker://" + registry.repository("tok/app:v1"));
      assertThat(issuer.requests()).anyMatch(r -> "bob".equals(r.account())
          && r.scopes().contains("repository:tok/app:pull,push"));
    }
  }
}
