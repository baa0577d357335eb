package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One {@code sign} invocation over many images signs them in parallel and reports them in argument order. */
@ExtendWith(DockerRegistryExtension.class)
class SignManyImagesTest {
  @TempDir Path dir;

  @Test
  void signManyImagesInOneRun_bothFormats_everyImageVerifies(DockerRegistryPeer registry) {
    CliRegistryFixture fx = new CliRegistryFixture(registry, dir).keys("cosign");
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      refs.add(fx.push("many/app" + i, "v1").byDigest());
    }
    for (String format : List.of("--new-bundle-format=true", "--new-bundle-format=false")) {
      List<String> args = new ArrayList<>(List.of("sign", "--key", "cosign.key", "--max-workers", "3", format));
      args.addAll(refs);
      CliRunner.Result signed = fx.ok(args.toArray(String[]::new));
      List<String> pushed = signed.errLines().stream().filter(l -> l.startsWith("Pushing signature to: ")).toList();
      assertThat(pushed).hasSize(refs.size());
      for (int i = 0; i < refs.size(); i++) {
        String repo = refs.get(i).substring(0, refs.get(i).indexOf('@'));
        assertThat(pushed.get(i)).as("argument order").contains(repo);
      }
    }
    List<String> verify = new ArrayList<>(List.of("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true"));
    verify.addAll(refs);
    CliRunner.Result verified = fx.ok(verify.toArray(String[]::new));
    assertThat(verified.out()).contains(refs.get(0).substring(refs.get(0).indexOf('@') + 1));
  }
}
