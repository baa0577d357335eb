package dev.signet.cli.keyless;

import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link KeylessScenarios} against docker-registry 2.8 (no referrers API: the fallback index is used). */
@ExtendWith(DockerRegistryExtension.class)
class KeylessVerifyTest {
  @TempDir Path dir;
  private KeylessScenarios scenarios;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) {
    CliRegistryFixture fx = new CliRegistryFixture(registry, dir).keys("cosign");
    scenarios = new KeylessScenarios(new KeylessScenarios.Registry() {
      @Override
      public CliRunner.Result run(String... args) {
        return fx.run(args);
      }

      @Override
      public CliRegistryFixture.Pushed push(String path, String tag) {
        return fx.push(path, tag);
      }

      @Override
      public Path dir() {
        return dir;
      }
    });
  }

  @Test
  void sigstoreSignBundleVerifiesKeyless() throws Exception {
    scenarios.sigstoreSignBundleVerifiesKeyless();
  }

  @Test
  void legacyKeylessSignatureVerifies() throws Exception {
    scenarios.legacyKeylessSignatureVerifies();
  }

  @Test
  void byoCaSignaturesVerify() throws Exception {
    scenarios.byoCaSignaturesVerify();
  }
}
