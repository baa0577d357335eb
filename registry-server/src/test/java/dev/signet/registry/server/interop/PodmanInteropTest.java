package dev.signet.registry.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.registry.server.testkit.TestRegistry;
import dev.signet.testing.Processes;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.Skopeo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * podman pulls from and pushes to the registry, with its own vfs storage under a temporary directory
 * (no daemon, no overlay mounts). Skips visibly when podman is not installed.
 */
class PodmanInteropTest {
  @TempDir Path data;
  @TempDir Path work;

  @Test
  void pullThenPushElsewhere_keepsTheManifestDigest() {
    if (Processes.findExecutable("podman").isEmpty()) {
      String msg = "podman is not installed (apt-get install podman): skipping";
      System.err.println("[signet-registry] " + msg);
      Assumptions.abort(msg);
    }
    Skopeo skopeo = Skopeo.create();
    try (TestRegistry registry = TestRegistry.start(data)) {
      LayoutImage image = OciLayoutFixture.writeImage(work.resolve("src"), "v1", "podman");
      String source = registry.host() + "/interop/podman:v1";
      skopeo.copy(image, "docker://" + source);

      podman("pull", "--tls-verify=false", source).requireSuccess();
      String target = registry.host() + "/interop/podman-copy:pushed";
      podman("tag", source, target).requireSuccess();
      podman("push", "--tls-verify=false", target).requireSuccess();

      String pushed = new String(registry.send("GET", "/v2/interop/podman-copy/manifests/pushed", null).body());
      assertThat(registry.send("GET", "/v2/interop/podman-copy/manifests/pushed", null).statusCode()).isEqualTo(200);
      assertThat(pushed).contains(image.blobs().get(1).hex());
      Processes.Result inspect = podman("image", "inspect", "--format", "{{.Digest}}", source).requireSuccess();
      assertThat(inspect.stdout().trim()).isEqualTo(image.digest().toString());
    }
  }

  private Processes.Result podman(String... args) {
    List<String> cmd = new ArrayList<>(List.of("podman", "--root", work.resolve("root").toString(),
        "--runroot", work.resolve("runroot").toString(), "--storage-driver", "vfs",
        "--cgroup-manager", "cgroupfs", "--events-backend", "file"));
    cmd.addAll(List.of(args));
    return Processes.run(cmd, Duration.ofMinutes(3));
  }
}
