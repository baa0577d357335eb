package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent oracle: bundles the CLI writes ({@code sign --upload=false --bundle F}) and stores
 * (read back with {@code download signature}) are judged by {@code @sigstore/verify} in key mode, with
 * the image digest as the DSSE subject.
 */
@ExtendWith(DockerRegistryExtension.class)
class BundleOracleTest {
  @TempDir Path dir;

  @Test
  void bundlesFromTheCliVerifyWithSigstoreVerify(DockerRegistryPeer registry) throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    CliRegistryFixture fx = new CliRegistryFixture(registry, dir).keys("cosign").keys("other");
    CliRegistryFixture.Pushed img = fx.push("oracle/app", "v1");

    fx.ok("sign", "--key", "cosign.key", "--upload=false", "--bundle", "plain.sigstore.json", img.ref());
    fx.ok("sign", "--key", "cosign.key", "--upload=false", "--bundle", "annotated.sigstore.json", "-a", "env=prod",
        img.byDigest());
    fx.ok("sign", "--key", "cosign.key", img.ref());
    CliRunner.Result downloaded = fx.ok("download", "signature", img.ref());
    assertThat(downloaded.outLines()).hasSize(1);
    Path stored = Files.writeString(dir.resolve("stored.sigstore.json"), downloaded.outLines().get(0),
        StandardCharsets.UTF_8);

    Path pub = dir.resolve("cosign.pub");
    Path plain = dir.resolve("plain.sigstore.json");
    Path annotated = dir.resolve("annotated.sigstore.json");
    Digest other = new Digest("sha256", "0f".repeat(32));
    List<OracleResult> verdicts = oracle.verifyAll(List.of(
        OracleRequest.withKey(plain, pub, img.digest()),
        OracleRequest.withKey(annotated, pub, img.digest()).requiringAnnotations(Map.of("env", "prod")),
        OracleRequest.withKey(stored, pub, img.digest()),
        OracleRequest.withKey(plain, pub, other),
        OracleRequest.withKey(plain, dir.resolve("other.pub"), img.digest()),
        OracleRequest.withKey(annotated, pub, img.digest()).requiringAnnotations(Map.of("env", "dev"))));

    assertThat(verdicts.get(0).ok()).as(verdicts.get(0).toString()).isTrue();
    assertThat(verdicts.get(1).ok()).as(verdicts.get(1).toString()).isTrue();
    assertThat(verdicts.get(2).ok()).as(verdicts.get(2).toString()).isTrue();
    assertThat(verdicts.get(3).ok()).isFalse();
    assertThat(verdicts.get(3).code()).isEqualTo("SUBJECT_MISMATCH");
    assertThat(verdicts.get(4).ok()).as(verdicts.get(4).toString()).isFalse();
    assertThat(verdicts.get(5).ok()).as(verdicts.get(5).toString()).isFalse();
  }
}
