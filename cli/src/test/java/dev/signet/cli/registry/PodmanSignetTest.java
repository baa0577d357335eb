package dev.signet.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.testing.Processes;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * podman, daemonless with vfs storage under a temporary root (no overlay, no FUSE), pushes an image to
 * the Signet registry and pulls it back: the digest podman recorded for its push, the digest the registry
 * reports, and the digest of the pulled image agree; then the CLI signs and verifies what podman pushed.
 * podman may recompress layers, so the pushed digest is compared with the registry's, not the layout's.
 * Skips visibly when podman is not installed.
 */
class PodmanSignetTest {
  @TempDir Path data;
  @TempDir Path dir;
  @TempDir Path state;

  @BeforeEach
  void requirePodman() {
    if (Processes.findExecutable("podman").isEmpty()) {
      String msg = "podman is not installed (apt-get install podman): skipping";
      System.err.println("[signet-cli] " + msg);
      Assumptions.abort(msg);
    }
  }

  @Test
  void pushAndPull_digestsMatchWhatTheRegistryReports() throws Exception {
    try (SignetRegistryFixture fx = SignetRegistryFixture.start(data, dir)) {
      LayoutImage layout = OciLayoutFixture.writeImage(dir.resolve("layout"), "v1", "podman-signet");
      // Into podman's own storage straight from the layout: the registry is not involved yet.
      String imageId = podman("pull", "-q", "oci:" + layout.layout() + ":v1").stdout().strip();
      assertThat(imageId).isNotEmpty();

      String target = fx.host() + "/podman/app:v1";
      Path digestFile = dir.resolve("pushed.digest");
      podman("push", "--tls-verify=false", "--format", "oci", "--digestfile", digestFile.toString(), imageId,
          "docker://" + target);
      Digest pushed = Digest.parse(Files.readString(digestFile).strip());

      HttpResponse<byte[]> head = fx.send("HEAD", "/v2/podman/app/manifests/v1");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(pushed.toString());
      HttpResponse<byte[]> get = fx.send("GET", "/v2/podman/app/manifests/v1");
      assertThat(Digest.sha256(get.body())).isEqualTo(pushed);

      // Forget the local image, then pull it from the registry by tag.
      podman("rmi", "--force", imageId);
      podman("pull", "--tls-verify=false", target);
      String pulled = podman("image", "inspect", "--format", "{{.Digest}}", target).stdout().strip();
      assertThat(pulled).isEqualTo(pushed.toString());
      String byDigest = fx.host() + "/podman/app@" + pushed;
      podman("pull", "--tls-verify=false", byDigest);
      assertThat(podman("image", "inspect", "--format", "{{.Digest}}", byDigest).stdout().strip())
          .isEqualTo(pushed.toString());

      // What podman pushed is an ordinary image to the CLI: sign it, verify it.
      fx.keys("cosign");
      fx.ok("sign", "--key", "cosign.key", byDigest);
      fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", target);
    }
  }

  private Processes.Result podman(String... args) {
    List<String> cmd = new ArrayList<>(List.of("podman", "--root", state.resolve("root").toString(),
        "--runroot", state.resolve("runroot").toString(), "--storage-driver", "vfs",
        "--cgroup-manager", "cgroupfs", "--events-backend", "file", "--tmpdir", state.resolve("tmp").toString()));
    cmd.addAll(List.of(args));
    return Processes.run(cmd, Duration.ofMinutes(3)).requireSuccess();
  }
}
