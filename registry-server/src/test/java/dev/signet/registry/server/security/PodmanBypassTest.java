package dev.signet.registry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.testing.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * podman, a Go client, as the pull-only account: an unsigned image whose tar layer is labelled as a cosign
 * simple-signing payload and pushed under a {@code .sig} tag is refused, while the pusher (exempt) pulls and
 * unpacks the very same manifest — so podman would run it. vfs storage under a temporary directory; skips
 * visibly when podman is not installed.
 */
class PodmanBypassTest {
  @TempDir Path data;
  @TempDir Path work;

  @Test
  void podmanAsThePullOnlyAccountCannotPullAnImagePosingAsASignature() {
    if (Processes.findExecutable("podman").isEmpty()) {
      String msg = "podman is not installed (apt-get install podman): skipping";
      System.err.println("[signet-registry] " + msg);
      Assumptions.abort(msg);
    }
    try (SecuredRegistry r = SecuredRegistry.start(data)) {
      Digest target = r.image("v1", "target");
      SecuredRegistry.Parts p = r.runnableParts("posing as a signature");
      byte[] m = SecuredRegistry.manifest(p.configDescriptor(MediaTypes.OCI_CONFIG),
          List.of(p.layerDescriptor(MediaTypes.COSIGN_SIMPLESIGNING)), null);
      String tag = SignatureTags.signatureTag(target);
      r.pushed(tag, m);
      String ref = r.host() + "/" + SecuredRegistry.REPO + ":" + tag;

      Processes.Result reader = podman("pull", "--tls-verify=false", "--creds",
          SecuredRegistry.READER + ":" + SecuredRegistry.PW, ref);
      assertThat(reader.exitCode()).as("podman pull as reader: " + reader.stderr()).isNotZero();
      assertThat(reader.stderr()).contains("denied", "is not signed by 1 trusted key");

      Processes.Result pusher = podman("pull", "--tls-verify=false", "--creds",
          SecuredRegistry.PUSHER + ":" + SecuredRegistry.PW, ref);
      assertThat(pusher.exitCode()).as("podman pull as pusher: " + pusher.stderr()).isZero();
      Processes.Result files = podman("image", "inspect", "--format", "{{.Digest}} {{len .RootFS.Layers}}", ref);
      assertThat(files.stdout().trim()).isEqualTo(Digest.sha256(m) + " 1");
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
