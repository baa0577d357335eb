package dev.signet.cli.attest;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.oci.Digest;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * attest (v3 referrer and legacy {@code .att}), attach attestation, attach sbom and the download
 * commands against distribution (Debian's docker-registry: no referrers API, so v3 attestations go
 * through the {@code sha256-<hex>} fallback index). Registry state is read back with a plain client.
 */
@ExtendWith(DockerRegistryExtension.class)
class AttestationScenarioTest {
  private static final String SLSA1 = "https://slsa.dev/provenance/v1";
  private static final String VULN = "https://cosign.sigstore.dev/attestation/vuln/v1";

  @TempDir Path dir;

  private CliRegistryFixture fx;
  private CliRegistryFixture.Pushed img;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) throws Exception {
    fx = new CliRegistryFixture(registry, dir).keys("cosign");
    img = fx.push("attest/app", "v1");
    Files.writeString(dir.resolve("provenance.json"), "{\"buildDefinition\":{\"buildType\":\"make\"},\"runDetails\":{}}");
    Files.writeString(dir.resolve("vuln.json"), "{\"scanner\":{\"uri\":\"scan\"},\"invocation\":{},\"metadata\":{}}");
  }

  private static JsonNode statement(JsonNode envelope) {
    return json(Base64.getDecoder().decode(envelope.path("payload").asText()));
  }

  private JsonNode manifest(String ref) throws Exception {
    HttpRegistryClient client = CliRegistryFixture.client();
    return json(client.getManifest(CliRegistryFixture.reference(ref)).bytes());
  }

  @Test
  void attestBothFormatsThenDownloadAttestation() throws Exception {
    fx.ok("attest", "--key", "cosign.key", "--predicate", "provenance.json", "--type", "slsaprovenance1",
        "--bundle", "v3.sigstore.json", img.ref());
    fx.ok("attest", "--key", "cosign.key", "--predicate", "vuln.json", "--type", "vuln", "--new-bundle-format=false",
        img.byDigest());
    fx.ok("sign", "--key", "cosign.key", img.byDigest()); // a v3 signature is not an attestation

    // v3: a bundle referrer, linked from the fallback index with cosign's artifactType and annotations.
    JsonNode index = manifest(img.repo() + ":sha256-" + img.digest().hex());
    List<JsonNode> entries = new ArrayList<>();
    index.path("manifests").forEach(entries::add);
    assertThat(entries).hasSize(2).allSatisfy(e ->
        assertThat(e.path("artifactType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json"));
    JsonNode referrer = manifest(img.repo() + "@" + entries.stream()
        .filter(e -> e.path("annotations").path("dev.sigstore.bundle.predicateType").asText().equals(SLSA1))
        .findFirst().orElseThrow(() -> new AssertionError(index.toPrettyString())).path("digest").asText());
    assertThat(referrer.path("config").path("artifactType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(referrer.path("annotations").path("dev.sigstore.bundle.content").asText()).isEqualTo("dsse-envelope");
    assertThat(referrer.path("subject").path("digest").asText()).isEqualTo(img.digest().toString());

    // legacy: one DSSE layer in the .att image with cosign's annotations.
    JsonNode att = manifest(img.repo() + ":sha256-" + img.digest().hex() + ".att");
    assertThat(att.path("layers")).hasSize(1);
    JsonNode layer = att.path("layers").get(0);
    assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.dsse.envelope.v1+json");
    assertThat(layer.path("annotations").path("predicateType").asText()).isEqualTo(VULN);
    assertThat(layer.path("annotations").path("dev.cosignproject.cosign/signature").asText()).isEmpty();

    CliRunner.Result all = fx.ok("download", "attestation", img.ref());
    assertThat(all.outLines()).hasSize(2);
    Set<String> types = new HashSet<>();
    for (String line : all.outLines()) {
      JsonNode envelope = json(line);
      assertThat(envelope.fieldNames()).toIterable().containsExactly("payloadType", "payload", "signatures");
      assertThat(envelope.path("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
      JsonNode st = statement(envelope);
      types.add(st.path("predicateType").asText());
      assertThat(st.path("subject").get(0).path("name").asText()).isEqualTo(img.repo());
      assertThat(st.path("subject").get(0).path("digest").path("sha256").asText()).isEqualTo(img.digest().hex());
    }
    assertThat(types).containsExactlyInAnyOrder(SLSA1, VULN);

    CliRunner.Result vuln = fx.ok("download", "attestation", "--predicate-type", "vuln", img.ref());
    assertThat(vuln.outLines()).hasSize(1);
    assertThat(statement(json(vuln.out())).path("predicateType").asText()).isEqualTo(VULN);
    CliRunner.Result none = fx.run("download", "attestation", "--predicate-type", "openvex", img.ref());
    assertThat(none.exitCode()).isEqualTo(1);
    assertOneErrorLine(none);
    assertThat(errorLine(none)).contains("found no attestations");

    // @sigstore/verify: the v3 bundle, and the downloaded legacy envelope assembled into a bundle.
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    Files.writeString(dir.resolve("legacy-envelope.json"), vuln.out().trim());
    fx.ok("bundle", "create", "--attestation", "legacy-envelope.json", "--artifact", img.digest().toString(),
        "--key", "cosign.pub", "--out", "legacy.sigstore.json");
    Path pub = dir.resolve("cosign.pub");
    List<OracleResult> v = oracle.verifyAll(List.of(
        OracleRequest.withKey(dir.resolve("v3.sigstore.json"), pub, img.digest()),
        OracleRequest.withKey(dir.resolve("legacy.sigstore.json"), pub, img.digest()),
        OracleRequest.withKey(dir.resolve("v3.sigstore.json"), pub, new Digest("sha256", "0f".repeat(32)))));
    assertThat(v.get(0).ok()).as(v.get(0).toString()).isTrue();
    assertThat(v.get(1).ok()).as(v.get(1).toString()).isTrue();
    assertThat(v.get(2).ok()).isFalse();
    assertThat(v.get(2).code()).isEqualTo("SUBJECT_MISMATCH");
  }

  @Test
  void attachAttestationAppendsASignedEnvelope() throws Exception {
    CliRunner.Result printed = fx.ok("attest", "--key", "cosign.key", "--predicate", "provenance.json", "--type",
        "slsaprovenance1", "--new-bundle-format=false", "--no-upload", img.ref());
    assertThat(fx.tags(img.repo())).containsExactly("v1");
    Files.writeString(dir.resolve("envelope.json"), printed.out().trim());
    fx.ok("attach", "attestation", "--attestation", "envelope.json", img.ref());
    JsonNode att = manifest(img.repo() + ":sha256-" + img.digest().hex() + ".att");
    assertThat(att.path("layers").get(0).path("annotations").path("predicateType").asText()).isEqualTo(SLSA1);
    CliRunner.Result down = fx.ok("download", "attestation", img.ref());
    assertThat(down.outLines()).hasSize(1);
    assertThat(json(down.out()).path("payload").asText()).isEqualTo(json(printed.out()).path("payload").asText());

    Files.writeString(dir.resolve("unsigned.json"), "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\",\"signatures\":[]}");
    CliRunner.Result unsigned = fx.run("attach", "attestation", "--attestation", "unsigned.json", img.ref());
    assertThat(unsigned.exitCode()).isEqualTo(1);
    assertOneErrorLine(unsigned);
    assertThat(errorLine(unsigned)).contains("without having signatures");
  }

  @Test
  void attachSbomThenDownloadSbom() throws Exception {
    String spdx = "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"app\"}";
    Files.writeString(dir.resolve("sbom.spdx.json"), spdx);
    CliRunner.Result none = fx.run("download", "sbom", img.ref());
    assertThat(none.exitCode()).isEqualTo(1);
    assertOneErrorLine(none);

    fx.ok("attach", "sbom", "--sbom", "sbom.spdx.json", "--type", "spdx", img.ref());
    JsonNode sbom = manifest(img.repo() + ":sha256-" + img.digest().hex() + ".sbom");
    assertThat(sbom.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(sbom.path("layers")).hasSize(1);
    assertThat(sbom.path("layers").get(0).path("mediaType").asText()).isEqualTo("text/spdx+json");
    CliRunner.Result down = fx.ok("download", "sbom", img.ref());
    assertThat(down.out()).isEqualTo(spdx);
    assertThat(down.err()).contains("Found SBOM of media type: text/spdx+json");

    // cosign replaces the SBOM: a second attach leaves one layer, the new one.
    Files.writeString(dir.resolve("bom.xml"), "<bom/>");
    fx.ok("attach", "sbom", "--sbom", "bom.xml", "--type", "cyclonedx", img.byDigest());
    assertThat(fx.ok("download", "sbom", img.ref()).out()).isEqualTo("<bom/>");
    assertThat(manifest(img.repo() + ":sha256-" + img.digest().hex() + ".sbom").path("layers").get(0)
        .path("mediaType").asText()).isEqualTo("application/vnd.cyclonedx+xml");

    CliRunner.Result badType = fx.run("attach", "sbom", "--sbom", "bom.xml", "--type", "swid", img.ref());
    assertThat(badType.exitCode()).isEqualTo(1);
    assertOneErrorLine(badType);
    assertThat(errorLine(badType)).contains("unknown SBOM type");
  }

  @Test
  void twelveConcurrentLegacyAttestationsAreAllKept() throws Exception {
    int n = 12;
    List<CliRunner> runners = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Files.writeString(dir.resolve("note-" + i + ".txt"), "attestation " + i);
      runners.add(fx.cli());
    }
    CyclicBarrier start = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<CliRunner.Result>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String[] args = {"attest", "--key", "cosign.key", "--predicate", "note-" + i + ".txt", "--new-bundle-format=false",
          img.byDigest()};
      CliRunner cli = runners.get(i);
      results.add(pool.submit(() -> {
        start.await(1, TimeUnit.MINUTES);
        return cli.run(args);
      }));
    }
    for (Future<CliRunner.Result> f : results) {
      CliRunner.Result r = f.get(5, TimeUnit.MINUTES);
      assertThat(r.exitCode()).as(r.toString()).isZero();
    }
    pool.shutdown();
    assertThat(manifest(img.repo() + ":sha256-" + img.digest().hex() + ".att").path("layers")).hasSize(n);
    Set<String> data = new HashSet<>();
    for (String line : fx.ok("download", "attestation", img.ref()).outLines()) {
      data.add(statement(json(line)).path("predicate").path("Data").asText());
    }
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < n; i++) {
      expected.add("attestation " + i);
    }
    assertThat(data).isEqualTo(expected);
  }

  @Test
  void attestBadInputIsOneLine() throws Exception {
    CliRunner.Result noPredicate = fx.run("attest", "--key", "cosign.key", img.ref());
    assertThat(noPredicate.exitCode()).isEqualTo(1);
    assertOneErrorLine(noPredicate);
    CliRunner.Result badType = fx.run("attest", "--key", "cosign.key", "--predicate", "vuln.json", "--type", "nope",
        img.ref());
    assertThat(badType.exitCode()).isEqualTo(1);
    assertOneErrorLine(badType);
    assertThat(errorLine(badType)).contains("invalid predicate type: nope");
    CliRunner.Result unreadable = fx.run("attest", "--key", "cosign.key", "--predicate", "absent.json", img.ref());
    assertThat(unreadable.exitCode()).isEqualTo(1);
    assertThat(errorLine(unreadable)).isEqualTo("Error: cannot read predicate absent.json: no such file");
    CliRunner.Result notFound = fx.run("attest", "--key", "cosign.key", "--predicate", "vuln.json", "--type", "vuln",
        img.repo() + ":missing");
    assertThat(notFound.exitCode()).isNotZero();
    assertOneErrorLine(notFound);
    assertThat(fx.tags(img.repo())).containsExactly("v1");
    assertThat(new String(Files.readAllBytes(dir.resolve("vuln.json")), StandardCharsets.UTF_8)).contains("scanner");
  }
}
