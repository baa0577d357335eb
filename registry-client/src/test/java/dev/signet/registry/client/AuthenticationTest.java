package dev.signet.registry.client;

import static dev.signet.registry.client.RegistryFixtures.ref;
import static dev.signet.registry.client.RegistryFixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialProvider;
import dev.signet.registry.client.auth.DockerConfigCredentials;
import dev.signet.registry.client.auth.DockerConfigWriter;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.RegistryAuth;
import dev.signet.testing.registry.Skopeo;
import dev.signet.testing.registry.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic (htpasswd, bcrypt) and bearer-token auth against docker-registry 2.8. */
class AuthenticationTest {
  @TempDir Path tmp;

  @Test
  void htpasswdBasicAuthWithCredentialsFromADockerConfig() throws Exception {
    try (DockerRegistryPeer registry = DockerRegistryPeer.start(RegistryAuth.htpasswd(Map.of("alice", "s3cret")))) {
      Repository repo = repo(registry.host() + "/basic/app");
      LayoutImage image = OciLayoutFixture.writeImage(tmp.resolve("layout"), "v1", "basic-auth");
      Skopeo.create().withCredentials("alice", "s3cret").copy(image, "docker://" + repo + ":v1");

      HttpRegistryClient anonymous = RegistryFixtures.client();
      assertThatThrownBy(() -> anonymous.getManifest(ref(repo + ":v1")))
          .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
          .hasMessageContaining("UNAUTHORIZED")
          .hasMessageContaining("no credentials for this registry");

      HttpRegistryClient wrong = HttpRegistryClient.builder()
          .credentials(CredentialProvider.of(Map.of(registry.host(), Credential.basic("alice", "nope")))).build();
      assertThatThrownBy(() -> wrong.headManifest(ref(repo + ":v1"))).isInstanceOf(UnauthorizedException.class);

      Path config = tmp.resolve("docker/config.json");
      new DockerConfigWriter(config, Map.of()).login(registry.host(), "alice", "s3cret");
      HttpRegistryClient client = HttpRegistryClient.builder()
          .credentials(new DockerConfigCredentials(config, Map.of())).build();
      assertThat(client.getManifest(ref(repo + ":v1")).digest()).isEqualTo(image.digest());
      byte[] blob = "basic push".getBytes(StandardCharsets.UTF_8);
      client.pushBlob(repo, Digest.sha256(blob), blob);
      client.putManifest(repo, "v2", image.bytes(), MediaTypes.OCI_MANIFEST);
      assertThat(client.listTags(repo)).contains("v1", "v2");
      client.deleteManifest(ImageReference.of(repo, image.digest()));
      assertThat(client.headManifest(ref(repo + ":v1"))).isEmpty();
    }
  }

  @Test
  void bearerTokensAreFetchedOncePerScopeAndShared() throws Exception {
    try (TokenIssuer issuer = TokenIssuer.start().user("bob", "pw");
        DockerRegistryPeer registry = DockerRegistryPeer.start(RegistryAuth.token(issuer))) {
      Repository repo = repo(registry.host() + "/token/app");
      HttpRegistryClient client = HttpRegistryClient.builder()
          .credentials(CredentialProvider.of(Map.of(registry.host(), Credential.basic("bob", "pw")))).build();
      LayoutImage image = OciLayoutFixture.writeImage(tmp.resolve("layout"), "v1", "token-auth");
      for (Digest d : image.blobs()) {
        byte[] content = java.nio.file.Files.readAllBytes(tmp.resolve("layout/blobs/sha256/" + d.hex()));
        client.pushBlob(repo, d, content);
      }
      client.putManifest(repo, "v1", image.bytes(), MediaTypes.OCI_MANIFEST);
      assertThat(Skopeo.create().withCredentials("bob", "pw").inspectRaw("docker://" + repo + ":v1"))
          .isEqualTo(image.bytes());
      int tokens = issuer.requests().size();
      assertThat(client.getManifest(ref(repo + ":v1")).digest()).isEqualTo(image.digest());
      assertThat(issuer.requests()).as("the pull,push token serves the repository's reads too").hasSize(tokens);

      HttpRegistryClient fresh = HttpRegistryClient.builder()
          .credentials(CredentialProvider.of(Map.of(registry.host(), Credential.basic("bob", "pw")))).build();
      int before = issuer.requests().size();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Manifest>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          results.add(pool.submit(() -> fresh.getManifest(ref(repo + ":v1"))));
        }
        for (Future<Manifest> f : results) {
          assertThat(f.get().digest()).isEqualTo(image.digest());
        }
      } finally {
        pool.shutdown();
      }
      List<TokenIssuer.Request> pulls = issuer.requests().subList(before, issuer.requests().size());
      assertThat(pulls).as("one pull token shared by 24 concurrent calls")
          .singleElement()
          .satisfies(r -> {
            assertThat(r.account()).isEqualTo("bob");
            assertThat(r.scopes()).containsExactly("repository:token/app:pull");
          });
      assertThat(issuer.requests()).anyMatch(r -> r.scopes().contains("repository:token/app:pull,push"));

      client.deleteManifest(ImageReference.of(repo, image.digest()));
      assertThat(issuer.requests()).anyMatch(r -> r.scopes().contains("repository:token/app:delete"));
      assertThat(client.headManifest(ref(repo + ":v1"))).isEmpty();
    }
  }

  @Test
  void anonymousTokensAndIdentityTokens() throws Exception {
    try (TokenIssuer issuer = TokenIssuer.start().user("carol", "pw").allowAnonymousPull(true)
            .refreshToken("refresh-123", "carol").useAccessTokenField(true);
        DockerRegistryPeer registry = DockerRegistryPeer.start(RegistryAuth.token(issuer))) {
      Repository repo = repo(registry.host() + "/anon/app");
      LayoutImage image = OciLayoutFixture.writeImage(tmp.resolve("layout"), "v1", "anon");
      Skopeo.create().withCredentials("carol", "pw").copy(image, "docker://" + repo + ":v1");

      HttpRegistryClient anonymous = RegistryFixtures.client();
      assertThat(anonymous.getManifest(ref(repo + ":v1")).digest()).isEqualTo(image.digest());
      assertThatThrownBy(() -> anonymous.putManifest(repo, "v2", image.bytes(), MediaTypes.OCI_MANIFEST))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageStartingWith("PUT manifest " + repo + ":v2: UNAUTHORIZED");

      HttpRegistryClient withIdentityToken = HttpRegistryClient.builder()
          .credentials(CredentialProvider.of(Map.of(registry.host(), Credential.identityToken("refresh-123"))))
          .build();
      withIdentityToken.putManifest(repo, "v2", image.bytes(), MediaTypes.OCI_MANIFEST);
      assertThat(issuer.requests()).anyMatch(r -> r.method().equals("POST") && "carol".equals(r.account()));
      assertThat(anonymous.headManifest(ref(repo + ":v2"))).isPresent();

      HttpRegistryClient badToken = HttpRegistryClient.builder()
          .credentials(CredentialProvider.of(Map.of(registry.host(), Credential.identityToken("stolen"))))
          .build();
      assertThatThrownBy(() -> badToken.getManifest(ref(repo + ":v1")))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("token server " + issuer.realm() + " refused")
          .hasMessageNotContaining("stolen");
    }
  }
}
