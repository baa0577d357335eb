package dev.signet.cli.options;

import static dev.signet.cli.CliRegistryFixture.errorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing mixins ({@link SigningFlags}, {@link BlobBundleFlags}, {@link PredicateFlags}) keep cosign's
 * {@code COSIGN_*} binding: a variable fills a flag declared in a mixin exactly as one declared in the command.
 */
class SigningMixinsTest {
  @TempDir Path dir;

  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = CliRunner.in(dir).env("COSIGN_PASSWORD", CliRegistryFixture.PASSWORD);
    assertThat(cli.run("generate-key-pair", "--output-key-prefix", "cosign").exitCode()).isZero();
    Files.writeString(dir.resolve("release.tar"), "release contents\n");
    Files.writeString(dir.resolve("predicate.json"), "{\"built\":\"yes\"}");
  }

  @Test
  void cosignKeyFillsTheMixinKeyOfSignBlobAndTheBundleVerifies() throws Exception {
    CliRunner.Result r = cli.env("COSIGN_KEY", "cosign.key").run("sign-blob", "--bundle", "b.json", "release.tar");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.err()).contains("Wrote bundle to file b.json");
    assertThat(json(Files.readString(dir.resolve("b.json"))).has("messageSignature")).isTrue();
    CliRunner.Result v = cli.run("verify-blob", "--key", "cosign.pub", "--bundle", "b.json", "--insecure-ignore-tlog",
        "release.tar");
    assertThat(v.exitCode()).as("%s", v).isZero();

    CliRunner.Result keyless = cli.run("sign-blob", "--bundle", "c.json", "release.tar");
    assertThat(keyless.exitCode()).isNotZero();
    assertThat(errorLine(keyless)).contains("sign with --key");
    assertThat(dir.resolve("c.json")).doesNotExist();
  }

  @Test
  void cosignNewBundleFormatAndTypeFillTheAttestBlobMixins() throws Exception {
    CliRunner legacy = cli.env("COSIGN_NEW_BUNDLE_FORMAT", "false").env("COSIGN_TYPE", "https://example.com/build/v1");
    CliRunner.Result r = legacy.run("attest-blob", "--key", "cosign.key", "--predicate", "predicate.json", "release.tar");
    assertThat(r.exitCode()).as("%s", r).isZero();
    JsonNode envelope = json(r.out().strip());
    assertThat(envelope.path("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
    JsonNode statement = json(new String(java.util.Base64.getDecoder().decode(envelope.path("payload").asText()),
        java.nio.charset.StandardCharsets.UTF_8));
    assertThat(statement.path("predicateType").asText()).isEqualTo("https://example.com/build/v1");

    CliRunner.Result v3 = cli.run("attest-blob", "--key", "cosign.key", "--predicate", "predicate.json", "release.tar");
    assertThat(v3.exitCode()).isNotZero();
    assertThat(errorLine(v3)).contains("--bundle FILE is required").contains("attest with --new-bundle-format=false");
  }

  @Test
  void cosignRekorAndFulcioUrlsFillTheMixin() {
    int closed = CliRegistryFixture.closedPort();
    CliRunner.Result r = cli.env("COSIGN_REKOR_URL", "http://127.0.0.1:" + closed).run("attest-blob", "--key",
        "cosign.key", "--predicate", "predicate.json", "--bundle", "b.json", "release.tar");
    assertThat(r.exitCode()).isNotZero();
    assertThat(errorLine(r)).contains("cannot reach http://127.0.0.1:" + closed + "/api/v1/log/entries");
    assertThat(dir.resolve("b.json")).doesNotExist();

    CliRunner.Result keyless = cli.env("COSIGN_FULCIO_URL", "http://127.0.0.1:" + closed)
        .env("COSIGN_TIMESTAMP_SERVER_URL", "http://127.0.0.1:" + closed + "/api/v1/timestamp")
        .env("SIGSTORE_ID_TOKEN", "e30.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoibWUifQ.")
        .run("sign-blob", "--bundle", "c.json", "release.tar");
    assertThat(keyless.exitCode()).isNotZero();
    assertThat(errorLine(keyless)).contains("cannot reach http://127.0.0.1:" + closed + "/api/v2/signingCert");
    assertThat(dir.resolve("c.json")).doesNotExist();
  }
}
