package dev.signet.cli.attest;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-attestation through the verification engine against distribution: v3 bundle and legacy
 * {@code .att} attestations, the predicate type and subject checked, cosign's exit codes.
 */
@ExtendWith(DockerRegistryExtension.class)
class VerifyAttestationTest {
  @TempDir Path dir;

  private CliRegistryFixture fx;
  private CliRegistryFixture.Pushed img;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) throws Exception {
    fx = new CliRegistryFixture(registry, dir).keys("cosign").keys("other");
    img = fx.push("verify-att/app", "v1");
    Files.writeString(dir.resolve("provenance.json"), "{\"buildDefinition\":{},\"runDetails\":{}}");
    Files.writeString(dir.resolve("vuln.json"), "{\"scanner\":{\"uri\":\"scan\"}}");
  }

  @Test
  void bothFormatsVerifyByTypeAndFailureCodesAreCosigns() throws Exception {
    CliRunner.Result none = fx.run("verify-attestation", "--key", "cosign.pub", "--insecure-ignore-tlog", img.ref());
    assertThat(none.exitCode()).as(none.toString()).isEqualTo(10);
    assertOneErrorLine(none);

    fx.ok("attest", "--key", "cosign.key", "--predicate", "provenance.json", "--type", "slsaprovenance1", img.ref());
    fx.ok("attest", "--key", "cosign.key", "--predicate", "vuln.json", "--type", "vuln", "--new-bundle-format=false",
        img.ref());

    CliRunner.Result v3 = fx.ok("verify-attestation", "--key", "cosign.pub", "--insecure-ignore-tlog", "--type",
        "slsaprovenance1", img.ref());
    assertThat(v3.err()).contains("Verification for " + img.ref() + " --")
        .contains("The signatures were verified against the specified public key");
    assertThat(v3.outLines()).hasSize(1);
    JsonNode statement = json(Base64.getDecoder().decode(json(v3.out()).path("payload").asText()));
    assertThat(statement.path("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(statement.path("subject").get(0).path("digest").path("sha256").asText()).isEqualTo(img.digest().hex());

    CliRunner.Result legacy = fx.ok("verify-attestation", "--key", "cosign.pub", "--insecure-ignore-tlog", "--type",
        "vuln", img.byDigest());
    assertThat(legacy.outLines()).hasSize(1);
    assertThat(json(Base64.getDecoder().decode(json(legacy.out()).path("payload").asText())).path("predicateType")
        .asText()).isEqualTo("https://cosign.sigstore.dev/attestation/vuln/v1");

    CliRunner.Result wrongType = fx.run("verify-attestation", "--key", "cosign.pub", "--insecure-ignore-tlog", img.ref());
    assertThat(wrongType.exitCode()).as(wrongType.toString()).isEqualTo(12); // default --type custom: none is
    assertOneErrorLine(wrongType);
    assertThat(errorLine(wrongType)).contains("predicate type");

    CliRunner.Result wrongKey = fx.run("verify-attestation", "--key", "other.pub", "--insecure-ignore-tlog", "--type",
        "vuln", img.ref());
    assertThat(wrongKey.exitCode()).isEqualTo(12);
    assertOneErrorLine(wrongKey);

    CliRunner.Result noTlog = fx.run("verify-attestation", "--key", "cosign.pub", "--type", "vuln", img.ref());
    assertThat(noTlog.exitCode()).isEqualTo(12);
    assertThat(errorLine(noTlog)).contains("tlog");

    // An attestation about another image does not verify for this one, even with the right key and type.
    CliRegistryFixture.Pushed second = fx.push("verify-att/other", "v1");
    CliRunner.Result printed = fx.ok("attest", "--key", "cosign.key", "--predicate", "vuln.json", "--type", "vuln",
        "--new-bundle-format=false", "--no-upload", second.ref());
    Files.writeString(dir.resolve("foreign.json"), printed.out().trim());
    CliRegistryFixture.Pushed third = fx.push("verify-att/third", "v1");
    fx.ok("attach", "attestation", "--attestation", "foreign.json", third.ref());
    CliRunner.Result foreign = fx.run("verify-attestation", "--key", "cosign.pub", "--insecure-ignore-tlog", "--type",
        "vuln", third.ref());
    assertThat(foreign.exitCode()).isEqualTo(12);
    assertThat(errorLine(foreign)).contains("subject");
  }
}
