package dev.signet.registry.client;

import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.Skopeo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared set-up: a client for a peer, unique repositories, images pushed by skopeo. */
final class RegistryFixtures {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private RegistryFixtures() {}

  static HttpRegistryClient client() {
    return HttpRegistryClient.builder()
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5)))
        .build();
  }

  /** A repository no other test uses. */
  static Repository uniqueRepo(DockerRegistryPeer registry, String prefix) {
    return repo(registry.host() + "/" + prefix + "/r" + COUNTER.incrementAndGet() + "-" + ProcessHandle.current().pid());
  }

  static Repository repo(String name) {
    try {
      return Repository.parse(name);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ImageReference ref(String s) {
    try {
      return ImageReference.parse(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Writes a fixture image and copies it to {@code repo:tag} with skopeo. */
  static LayoutImage pushImage(Path tmp, Repository repo, String tag, String seed) {
    LayoutImage image = OciLayoutFixture.writeImage(tmp.resolve("layout-" + seed), tag, seed);
    Skopeo.create().copy(image, "docker://" + repo + ":" + tag);
    return image;
  }

  static LayoutImage pushIndex(Path tmp, Repository repo, String tag, String seed) {
    LayoutImage image = OciLayoutFixture.writeIndex(tmp.resolve("layout-" + seed), tag, seed);
    Skopeo.create().copy(image, "docker://" + repo + ":" + tag);
    return image;
  }
}
