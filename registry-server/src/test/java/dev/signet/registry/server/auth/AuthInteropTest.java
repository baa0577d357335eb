package dev.signet.registry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testing.Processes;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.Skopeo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real clients through the token flow: skopeo with {@code --creds}, podman login and push (when installed). */
class AuthInteropTest {
  @TempDir Path data;
  @TempDir Path work;

  @Test
  void skopeoPushesAndPullsWithCredentials_andIsRefusedWithoutTheRole() {
    Skopeo skopeo = Skopeo.create();
    try (AuthFixture fx = AuthFixture.start(data)) {
      fx.project("team", false);
      fx.project("pub", true);
      fx.user("dev", "dev-password-1");
      fx.user("reader", "reader-password-1");
      fx.member("team", "dev", "push");
      fx.member("team", "reader", "pull");
      String robot = fx.robot("team", "ci", "pull");
      LayoutImage image = OciLayoutFixture.writeImage(work.resolve("src"), "v1", "auth-skopeo");
      String ref = "docker://" + fx.host() + "/team/app:v1";

      skopeo.withCredentials("dev", "dev-password-1").copy(image, ref).requireSuccess();
      assertThat(skopeo.withCredentials("reader", "reader-password-1").inspectRaw(ref)).isEqualTo(image.bytes());
      assertThat(skopeo.withCredentials("robot$team+ci", robot).inspectRaw(ref)).isEqualTo(image.bytes());

      Processes.Result denied = skopeo.tryRun(List.of("copy", "--dest-tls-verify=false",
          "--dest-creds=reader:reader-password-1", "oci:" + image.layout().toAbsolutePath() + ":" + image.tag(),
          "docker://" + fx.host() + "/team/app:v2"));
      assertThat(denied.succeeded()).isFalse();
      assertThat(denied.stderr()).containsIgnoringCase("denied");
      Processes.Result anonymous = skopeo.tryRun(List.of("inspect", "--raw", "--tls-verify=false", ref));
      assertThat(anonymous.succeeded()).isFalse();
      Processes.Result wrong = skopeo.tryRun(List.of("inspect", "--raw", "--tls-verify=false",
          "--creds=dev:not-the-password", ref));
      assertThat(wrong.succeeded()).isFalse();
      assertThat(wrong.stderr()).containsIgnoringCase("unauthorized");

      skopeo.withCredentials("admin", AuthFixture.ADMIN_PASSWORD).copy(image, "docker://" + fx.host() + "/pub/app:v1");
      assertThat(skopeo.inspectRaw("docker://" + fx.host() + "/pub/app:v1")).isEqualTo(image.bytes());
    }
  }

  @Test
  void podmanLogsInAndPushes() {
    if (Processes.findExecutable("podman").isEmpty()) {
      String msg = "podman is not installed (apt-get install podman): skipping";
      System.err.println("[signet-registry] " + msg);
      Assumptions.abort(msg);
    }
    Skopeo skopeo = Skopeo.create();
    try (AuthFixture fx = AuthFixture.start(data)) {
      fx.project("team", false);
      fx.user("dev", "dev-password-1");
      fx.member("team", "dev", "push");
      LayoutImage image = OciLayoutFixture.writeImage(work.resolve("src"), "v1", "auth-podman");
      skopeo.withCredentials("dev", "dev-password-1").copy(image, "docker://" + fx.host() + "/team/source:v1")
          .requireSuccess();
      String source = fx.host() + "/team/source:v1";
      String target = fx.host() + "/team/copy:pushed";

      Processes.Result anonymousPull = podman("pull", "--tls-verify=false", source);
      assertThat(anonymousPull.succeeded()).isFalse();
      podmanStdin("dev-password-1\n", "login", "--tls-verify=false", "-u", "dev", "--password-stdin", fx.host())
          .requireSuccess();
      podman("pull", "--tls-verify=false", source).requireSuccess();
      podman("tag", source, target).requireSuccess();
      podman("push", "--tls-verify=false", target).requireSuccess();
      assertThat(fx.admin("GET", "/audit?limit=50", null).toString()).contains("\"actor\":\"dev\"",
          "\"action\":\"manifest.push\"", "\"target\":\"team/copy:pushed\"");
    }
  }

  private Processes.Result podman(String... args) {
    return podmanStdin(null, args);
  }

  private Processes.Result podmanStdin(String stdin, String... args) {
    List<String> cmd = new ArrayList<>(List.of("podman", "--root", work.resolve("root").toString(),
        "--runroot", work.resolve("runroot").toString(), "--storage-driver", "vfs",
        "--cgroup-manager", "cgroupfs", "--events-backend", "file"));
    cmd.addAll(List.of(args));
    return Processes.run(cmd, Duration.ofMinutes(3), Map.of("REGISTRY_AUTH_FILE", work.resolve("auth.json").toString()),
        stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8));
  }
}
