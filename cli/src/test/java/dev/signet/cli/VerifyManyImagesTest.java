package dev.signet.cli;

import static dev.signet.cli.CliRegistryFixture.assertNoStackTrace;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several images in one {@code verify}: each image's output in argument order (its header on stderr and
 * its JSON line on stdout, or its {@code Error:} line), and the exit code of the first failure.
 */
@ExtendWith(DockerRegistryExtension.class)
class VerifyManyImagesTest {
  @TempDir Path dir;

  private CliRegistryFixture fx;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) {
    fx = new CliRegistryFixture(registry, dir).keys("cosign").keys("other");
  }

  private CliRunner.Result verify(String... images) {
    List<String> args = new ArrayList<>(List.of("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true",
        "--max-workers", "3"));
    args.addAll(List.of(images));
    return fx.run(args.toArray(String[]::new));
  }

  /** The images named on stderr, in order: {@code Verification for X --} headers and {@code Error:} lines. */
  private static List<String> stderrOrder(CliRunner.Result r, List<String> images) {
    List<String> order = new ArrayList<>();
    for (String line : r.errLines()) {
      for (String image : images) {
        if (line.equals("Verification for " + image + " --") || line.startsWith("Error:") && line.contains(image)) {
          order.add(image);
        }
      }
    }
    return order;
  }

  @Test
  void allVerifiedPrintsEachImageInOrder() {
    List<String> images = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CliRegistryFixture.Pushed img = fx.push("many/ok", "v" + i);
      fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=" + (i % 2 == 0), img.ref());
      images.add(img.ref());
    }

    CliRunner.Result r = verify(images.toArray(String[]::new));

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(stderrOrder(r, images)).isEqualTo(images);
    List<String> lines = r.outLines().stream().filter(l -> !l.isEmpty()).toList();
    assertThat(lines).hasSize(4);
    for (int i = 0; i < 4; i++) {
      JsonNode entry = json(lines.get(i)).get(0);
      assertThat(entry.path("critical").path("identity").path("docker-reference").asText())
          .startsWith(images.get(i).substring(0, images.get(i).lastIndexOf(':')));
    }
  }

  @Test
  void theExitCodeIsThatOfTheFirstFailureAndEveryImageIsReportedInOrder() {
    CliRegistryFixture.Pushed signed = fx.push("many/signed", "v1");
    CliRegistryFixture.Pushed unsigned = fx.push("many/unsigned", "v1");
    CliRegistryFixture.Pushed wrongKey = fx.push("many/wrong", "v1");
    CliRegistryFixture.Pushed alsoSigned = fx.push("many/signed2", "v1");
    fx.ok("sign", "--key", "cosign.key", signed.ref());
    fx.ok("sign", "--key", "other.key", wrongKey.ref());
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", alsoSigned.ref());
    String missing = unsigned.repo() + ":nope";
    List<String> images = List.of(signed.ref(), unsigned.ref(), wrongKey.ref(), missing, alsoSigned.ref());

    CliRunner.Result r = verify(images.toArray(String[]::new));

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(10); // unsigned comes first among the failures
    assertThat(stderrOrder(r, images)).as(r.toString()).isEqualTo(images);
    assertThat(r.errLines().stream().filter(l -> l.startsWith("Error:"))).hasSize(3);
    assertNoStackTrace(r);
    List<String> lines = r.outLines().stream().filter(l -> !l.isEmpty()).toList();
    assertThat(lines).hasSize(2);
    assertThat(json(lines.get(0)).get(0).path("critical").path("image").path("docker-manifest-digest").asText())
        .isEqualTo(signed.digest().toString());
    assertThat(json(lines.get(1)).get(0).path("critical").path("image").path("docker-manifest-digest").asText())
        .isEqualTo(alsoSigned.digest().toString());

    CliRunner.Result wrongFirst = verify(wrongKey.ref(), unsigned.ref(), signed.ref());
    assertThat(wrongFirst.exitCode()).as(wrongFirst.toString()).isEqualTo(12);
    CliRunner.Result missingFirst = verify(missing, wrongKey.ref());
    assertThat(missingFirst.exitCode()).as(missingFirst.toString()).isEqualTo(11);
  }

  @Test
  void aFailingFirstImageDoesNotHideTheOthers() {
    CliRegistryFixture.Pushed unsigned = fx.push("many/first-unsigned", "v1");
    CliRegistryFixture.Pushed signed = fx.push("many/then-signed", "v1");
    fx.ok("sign", "--key", "cosign.key", signed.ref());

    CliRunner.Result r = verify(unsigned.ref(), signed.ref());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(10);
    assertThat(stderrOrder(r, List.of(unsigned.ref(), signed.ref())))
        .isEqualTo(List.of(unsigned.ref(), signed.ref()));
    assertThat(r.errLines().stream().filter(l -> l.startsWith("Error:")))
        .containsExactly("Error: " + unsigned.ref() + ": no signatures found");
    assertThat(r.outLines().stream().filter(l -> !l.isEmpty())).hasSize(1);
    assertNoStackTrace(r);

    CliRunner.Result verbose = fx.run("verify", "--verbose", "--key", "cosign.pub", "--insecure-ignore-tlog=true",
        unsigned.ref(), signed.ref());
    assertThat(verbose.exitCode()).isEqualTo(10);
    CliRegistryFixture.assertStackTrace(verbose);
  }
}
