package dev.signet.registry.server.replication.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.server.http.RegistryHandler;
import dev.signet.registry.server.http.Routes;
import dev.signet.registry.server.replication.ManifestListener;
import dev.signet.registry.server.replication.ReplicationService;
import dev.signet.registry.server.service.Registry;
import dev.signet.registry.server.testkit.TestManifests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the push observer reports, and that nothing it does can fail a push. */
class ManifestPushObserverTest {
  record Event(String repository, Digest digest, List<String> tags, Optional<Digest> subject) {}

  @TempDir Path dir;
  private Registry registry;
  private Server jetty;

  private URI start(ManifestListener listener) throws Exception {
    registry = Registry.open(dir, Clock.systemUTC(), false);
    jetty = new Server();
    ServerConnector c = new ServerConnector(jetty);
    c.setHost("127.0.0.1");
    c.setPort(0);
    jetty.addConnector(c);
    jetty.setHandler(new ManifestPushObserver(new RegistryHandler(Routes.of(registry)), listener));
    jetty.start();
    return URI.create("http://127.0.0.1:" + c.getLocalPort());
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    registry.close();
  }

  @Test
  void reportsRepositoryDigestTagsAndSubject_ofSuccessfulPushesOnly() throws Exception {
    List<Event> events = new CopyOnWriteArrayList<>();
    URI url = start((r, d, t, s) -> events.add(new Event(r, d, t, s)));
    RegistryClient client = HttpRegistryClient.builder().build();
    Repository repo = Repository.parse(url.getAuthority() + "/team/app");
    Digest image = push(client, repo, "v1");
    client.pushBlob(repo, TestManifests.EMPTY_DIGEST, TestManifests.EMPTY_JSON);
    byte[] referrer = TestManifests.referrer(image, 300, "application/example", Map.of());
    Digest ref = client.putManifest(repo, Digest.sha256(referrer).toString(), referrer, MediaTypes.OCI_MANIFEST);
    HttpResponse<String> multi = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            url.resolve("/v2/team/app/manifests/" + ref + "?tag=a&tag=b"))
        .header("Content-Type", MediaTypes.OCI_MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(referrer)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(multi.statusCode()).isEqualTo(201);
    HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            url.resolve("/v2/team/app/manifests/bad"))
        .header("Content-Type", MediaTypes.OCI_MANIFEST).PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(400);

    assertThat(events).containsExactly(
        new Event("team/app", image, List.of("v1"), Optional.empty()),
        new Event("team/app", ref, List.of(), Optional.of(image)),
        new Event("team/app", ref, List.of("a", "b"), Optional.of(image)));
  }

  @Test
  void aFailingListener_neverFailsThePush() throws Exception {
    URI url = start((r, d, t, s) -> {
      throw new IllegalStateException("listener broke");
    });
    RegistryClient client = HttpRegistryClient.builder().build();
    Repository repo = Repository.parse(url.getAuthority() + "/app");
    Digest d = push(client, repo, "v1");
    assertThat(client.headManifest(dev.signet.oci.reference.ImageReference.of(repo, "v1")))
        .hasValueSatisfying(h -> assertThat(h.digest()).isEqualTo(d));
  }

  @Test
  void theServicesListener_onlyQueues_andDropsWhenFull_withoutFailingPushes() throws Exception {
    Path data = dir.resolve("svc");
    try (Registry own = Registry.open(data, Clock.systemUTC(), false);
        ReplicationService svc = ReplicationService.builder().dataDir(data).registry(own).pollInterval(null)
            .eventCapacity(1).build()) {
      URI url = start(svc); // not even started: events wait in memory
      RegistryClient client = HttpRegistryClient.builder().build();
      Repository repo = Repository.parse(url.getAuthority() + "/app");
      for (int i = 0; i < 3; i++) {
        push(client, repo, "v" + i);
      }
      svc.onManifestStored("app", Digest.sha256(new byte[1]), Optional.of("x"), Optional.empty());
    }
  }

  private static Digest push(RegistryClient client, Repository repo, String tag) throws Exception {
    byte[] config = ("{\"tag\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
    Digest c = Digest.sha256(config);
    client.pushBlob(repo, c, config);
    byte[] manifest = TestManifests.image(c, config.length, Map.of());
    return client.putManifest(repo, tag, manifest, MediaTypes.OCI_MANIFEST);
  }
}
