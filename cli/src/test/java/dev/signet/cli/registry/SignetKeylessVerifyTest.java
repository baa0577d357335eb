package dev.signet.cli.registry;

import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.cli.keyless.KeylessScenarios;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KeylessScenarios} against the in-process Signet registry (referrers API, verified accessories). */
class SignetKeylessVerifyTest {
  @TempDir Path data;
  @TempDir Path dir;
  private SignetRegistryFixture fx;
  private KeylessScenarios scenarios;

  @BeforeEach
  void setUp() {
    fx = SignetRegistryFixture.start(data, dir).keys("cosign");
    scenarios = new KeylessScenarios(new KeylessScenarios.Registry() {
      @Override
      public CliRunner.Result run(String... args) {
        return fx.run(args);
      }

      @Override
      public CliRegistryFixture.Pushed push(String path, String tag) {
        return fx.push(CliRegistryFixture.uniquePath(path), tag);
      }

      @Override
      public Path dir() {
        return dir;
      }
    });
  }

  @AfterEach
  void tearDown() {
    fx.close();
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
