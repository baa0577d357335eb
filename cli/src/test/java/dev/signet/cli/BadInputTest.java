package dev.signet.cli;

import static dev.signet.cli.CliRegistryFixture.assertNoStackTrace;
import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.assertStackTrace;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, one case per test: exactly one {@code Error:} line on stderr, cosign's exit code, no stack
 * trace unless {@code --verbose}, and a failed {@code sign} leaves the registry's tags as they were.
 */
@ExtendWith(DockerRegistryExtension.class)
class BadInputTest {
  @TempDir Path dir;

  private CliRegistryFixture fx;
  private CliRegistryFixture.Pushed img;
  private List<String> tagsBefore;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) {
    fx = new CliRegistryFixture(registry, dir).keys("cosign");
    img = fx.push("bad/app", "v1");
    tagsBefore = fx.tags(img.repo());
  }

  private CliRunner.Result fails(int exitCode, CliRunner runner, String... args) {
    CliRunner.Result r = runner.run(args);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
    assertOneErrorLine(r);
    return r;
  }

  private CliRunner.Result fails(int exitCode, String... args) {
    return fails(exitCode, fx.cli(), args);
  }

  private void assertNothingWritten() {
    assertThat(fx.tags(img.repo())).isEqualTo(tagsBefore);
  }

  @Test
  void malformedReference() {
    CliRunner.Result verify = fails(1, "verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", "Not/A:Ref::x");
    assertThat(errorLine(verify)).contains("Not/A:Ref::x");
    assertThat(verify.out()).isEmpty();

    CliRunner.Result sign = fails(1, "sign", "--key", "cosign.key", img.repo() + "@sha256:abc");
    assertThat(errorLine(sign)).contains("sha256:abc");
    assertNothingWritten();
  }

  @Test
  void wrongPassword() {
    CliRunner.Result r = fails(1, fx.cli().env("COSIGN_PASSWORD", "wrong"), "sign", "--key", "cosign.key", img.ref());
    assertThat(errorLine(r)).contains("cosign.key").containsIgnoringCase("password");
    assertNothingWritten();
  }

  @Test
  void corruptKeyFile() throws Exception {
    String pem = Files.readString(dir.resolve("cosign.key"));
    int middle = pem.indexOf('\n', pem.length() / 2);
    Files.writeString(dir.resolve("corrupt.key"), pem.substring(0, middle) + "\n!!!!not base64!!!!\n" + pem.substring(middle));
    Files.writeString(dir.resolve("garbage.key"), "this is not a key\n");

    CliRunner.Result corrupt = fails(1, "sign", "--key", "corrupt.key", img.ref());
    assertThat(errorLine(corrupt)).contains("corrupt.key");
    CliRunner.Result garbage = fails(1, "sign", "--key", "garbage.key", img.ref());
    assertThat(errorLine(garbage)).contains("garbage.key");
    assertNothingWritten();
  }

  @Test
  void missingKeyFile() {
    CliRunner.Result sign = fails(1, "sign", "--key", "nope.key", img.ref());
    assertThat(errorLine(sign)).contains("nope.key");
    CliRunner.Result verify = fails(1, "verify", "--key", "nope.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(errorLine(verify)).contains("nope.pub");
    assertNothingWritten();
  }

  @Test
  void signWithoutKey() {
    CliRunner.Result r = fails(1, "sign", img.ref());
    assertThat(errorLine(r)).contains("--key");
    assertNothingWritten();
  }

  @Test
  void newBundleFormatWithoutUploadNeedsABundleFile() {
    CliRunner.Result r = fails(1, "sign", "--key", "cosign.key", "--upload=false", img.ref());
    assertThat(errorLine(r)).contains("--bundle");
    assertNothingWritten();
  }

  @Test
  void signingAnUnknownTagIsExitElevenAndWritesNothing() {
    CliRunner.Result r = fails(11, "sign", "--key", "cosign.key", img.repo() + ":nope");
    assertThat(errorLine(r)).contains(img.repo() + ":nope");
    assertNothingWritten();
  }

  @Test
  void signingSeveralImagesWhenOneIsUnknownWritesNothing() {
    CliRunner.Result r = fails(11, "sign", "--key", "cosign.key", img.ref(), img.repo() + ":nope");
    assertThat(errorLine(r)).contains(img.repo() + ":nope");
    assertNothingWritten();
  }

  @Test
  void registryOnAClosedPortIsAnErrorNamingTheHostNotNoSignatures() {
    String host = "127.0.0.1:" + CliRegistryFixture.closedPort();
    String ref = host + "/gone/app:v1";

    CliRunner.Result verify = fails(1, "verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", ref);
    assertThat(errorLine(verify)).contains(host).doesNotContain("no signatures");
    assertThat(verify.out()).isEmpty();

    CliRunner.Result byDigest = fails(1, "verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true",
        host + "/gone/app@" + img.digest());
    assertThat(errorLine(byDigest)).contains(host).doesNotContain("no signatures");

    CliRunner.Result sign = fails(1, "sign", "--key", "cosign.key", ref);
    assertThat(errorLine(sign)).contains(host);

    for (String command : List.of("triangulate", "tree")) {
      CliRunner.Result r = fails(1, command, ref);
      assertThat(errorLine(r)).as(command).contains(host);
    }
    CliRunner.Result download = fails(1, "download", "signature", ref);
    assertThat(errorLine(download)).contains(host);
  }

  @Test
  void verboseAddsTheStackTrace() {
    String ref = "127.0.0.1:" + CliRegistryFixture.closedPort() + "/gone/app:v1";
    CliRunner.Result quiet = fails(1, "verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", ref);
    assertNoStackTrace(quiet);

    CliRunner.Result verbose = fx.run("verify", "--verbose", "--key", "cosign.pub", "--insecure-ignore-tlog=true", ref);
    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(errorLine(verbose)).isEqualTo(errorLine(quiet));
    assertStackTrace(verbose);

    CliRunner.Result missingKey = fx.run("sign", "-d", "--key", "nope.key", img.ref());
    assertThat(missingKey.exitCode()).isEqualTo(1);
    assertStackTrace(missingKey);
    assertNothingWritten();
  }

  @Test
  void unknownOutputFormat() {
    CliRunner.Result r = fails(1, "verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", "--output", "xml",
        img.ref());
    assertThat(errorLine(r)).contains("xml");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownTypeForTriangulateAndClean() {
    CliRunner.Result triangulate = fails(1, "triangulate", "--type", "bogus", img.ref());
    assertThat(errorLine(triangulate)).contains("bogus");
    assertThat(triangulate.out()).isEmpty();
    // Rejected before any registry call: a typo is reported as such even when the registry is down.
    String down = "127.0.0.1:" + CliRegistryFixture.closedPort() + "/gone/app:v1";
    assertThat(errorLine(fails(1, "triangulate", "--type", "bogus", down))).contains("bogus");
    assertThat(errorLine(fails(1, "clean", "--force", "--type", "bogus", down))).contains("bogus");

    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
    List<String> signed = fx.tags(img.repo());
    CliRunner.Result clean = fails(1, "clean", "--force", "--type", "bogus", img.ref());
    assertThat(errorLine(clean)).contains("bogus");
    assertThat(fx.tags(img.repo())).isEqualTo(signed);
  }

  @Test
  void cleanWithoutForceWhenNotInteractiveDeletesNothing() {
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
    fx.ok("sign", "--key", "cosign.key", img.ref());
    List<String> signed = fx.tags(img.repo());

    CliRunner.Result r = fails(1, "clean", img.ref());
    assertThat(errorLine(r)).contains("--force");
    assertThat(r.errLines().get(0)).startsWith("WARNING: this will remove all signatures, SBOMs, attestations")
        .endsWith("[y/N] ");
    CliRunner.Result answeredNo = fails(1, fx.cli().stdin("n\n"), "clean", img.ref());
    assertThat(errorLine(answeredNo)).contains("--force");

    assertThat(fx.tags(img.repo())).isEqualTo(signed);
    fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());

    // A "y" piped to standard input is an answer, as with cosign.
    CliRunner.Result yes = fx.cli().stdin("y\n").run("clean", img.ref());
    assertThat(yes.exitCode()).as(yes.toString()).isZero();
    assertThat(fx.tags(img.repo())).containsExactly("v1");
  }

  @Test
  void unknownFlagIsAUsageErrorWithoutATrace() {
    CliRunner.Result r = fails(1, "sign", "--key", "cosign.key", "--no-such-flag", img.ref());
    assertThat(errorLine(r)).contains("--no-such-flag");
    assertNothingWritten();
  }
}
