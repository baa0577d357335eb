package dev.signet.cli.layout;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.testing.Processes;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.Skopeo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code save} into cosign's OCI layout and {@code verify --local-image} / {@code verify-attestation
 * --local-image} from it, against distribution (Debian's docker-registry, no referrers API). skopeo reads
 * the layout independently; the signatures are removed from the registry before verifying locally, so the
 * local verification cannot be reading the registry.
 */
@ExtendWith(DockerRegistryExtension.class)
class LocalImageTest {
  @TempDir Path dir;

  private CliRegistryFixture fx;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) throws Exception {
    fx = new CliRegistryFixture(registry, dir).keys("cosign").keys("other");
    Files.writeString(dir.resolve("provenance.json"), "{\"buildDefinition\":{},\"runDetails\":{}}");
    Files.writeString(dir.resolve("vuln.json"), "{\"scanner\":{\"uri\":\"scan\"}}");
  }

  private static JsonNode index(Path layout) throws Exception {
    return json(Files.readAllBytes(layout.resolve("index.json")));
  }

  private static Map<String, List<JsonNode>> byKind(JsonNode index) {
    Map<String, List<JsonNode>> out = new TreeMap<>();
    index.path("manifests").forEach(e -> out.computeIfAbsent(e.path("annotations").path("kind").asText("referrer"),
        k -> new ArrayList<>()).add(e));
    return out;
  }

  private static byte[] blob(Path layout, String digest) throws Exception {
    return Files.readAllBytes(layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length())));
  }

  @Test
  void savedSignedAndAttestedImageVerifiesFromTheLayoutOnly() throws Exception {
    CliRegistryFixture.Pushed img = fx.push("local/app", "v1");
    fx.ok("sign", "--key", "cosign.key", img.ref());
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
    fx.ok("attest", "--key", "cosign.key", "--predicate", "provenance.json", "--type", "slsaprovenance1", img.ref());
    fx.ok("attest", "--key", "cosign.key", "--predicate", "vuln.json", "--type", "vuln", "--new-bundle-format=false",
        img.ref());
    byte[] sigManifest = Skopeo.create().inspectRaw("docker://" + img.sigTag());

    Path layout = dir.resolve("saved");
    fx.ok("save", img.ref(), "--dir", layout.toString());

    // cosign's layout: kind annotations on the image, .sig and .att entries; the two bundle referrers.
    assertThat(Files.readString(layout.resolve("oci-layout"))).contains("\"imageLayoutVersion\": \"1.0.0\"");
    Map<String, List<JsonNode>> kinds = byKind(index(layout));
    assertThat(kinds.keySet()).containsExactlyInAnyOrder("dev.cosignproject.cosign/image",
        "dev.cosignproject.cosign/sigs", "dev.cosignproject.cosign/atts", "referrer");
    JsonNode image = kinds.get("dev.cosignproject.cosign/image").get(0);
    assertThat(image.path("digest").asText()).isEqualTo(img.digest().toString());
    assertThat(image.path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo(img.ref());
    // the legacy .sig image is byte-identical to the registry's
    assertThat(blob(layout, kinds.get("dev.cosignproject.cosign/sigs").get(0).path("digest").asText()))
        .isEqualTo(sigManifest);
    assertThat(kinds.get("referrer")).hasSize(2).allSatisfy(r -> {
      try {
        JsonNode m = json(blob(layout, r.path("digest").asText()));
        assertThat(m.path("subject").path("digest").asText()).isEqualTo(img.digest().toString());
        assertThat(m.path("layers").get(0).path("mediaType").asText()).startsWith("application/vnd.dev.sigstore.bundle");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });

    // An independent reader: skopeo inspects the layout and copies the image out of it, digest unchanged.
    Skopeo skopeo = Skopeo.create();
    String oci = "oci:" + layout.toAbsolutePath() + ":" + img.ref();
    Processes.Result inspect = skopeo.tryRun(List.of("inspect", oci)).requireSuccess();
    assertThat(json(inspect.stdout()).path("Digest").asText()).isEqualTo(img.digest().toString());
    String copied = fx.newRepo("local/copied") + ":v1";
    skopeo.tryRun(List.of("copy", "--dest-tls-verify=false", oci, "docker://" + copied)).requireSuccess();
    Processes.Result back = skopeo.tryRun(List.of("inspect", "--tls-verify=false", "docker://" + copied)).requireSuccess();
    assertThat(json(back.stdout()).path("Digest").asText()).isEqualTo(img.digest().toString());

    // The registry forgets the signatures: the layout alone must carry them.
    fx.ok("clean", "--force", img.ref());
    CliRunner.Result gone = fx.run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(10);

    CliRunner.Result ok = fx.ok("verify", "--local-image", "--key", "cosign.pub", "--insecure-ignore-tlog=true",
        layout.toString());
    JsonNode verified = json(ok.out());
    assertThat(verified.size()).isGreaterThanOrEqualTo(1);
    verified.forEach(s -> assertThat(s.path("critical").path("image").path("docker-manifest-digest").asText())
        .isEqualTo(img.digest().toString()));
    assertThat(ok.err()).contains("The signatures were verified against the specified public key");

    CliRunner.Result legacy = fx.ok("verify", "--local-image", "--new-bundle-format=false", "--key", "cosign.pub",
        "--insecure-ignore-tlog=true", layout.toString());
    assertThat(json(legacy.out()).size()).isEqualTo(1); // the one .sig layer

    CliRunner.Result wrongKey = fx.run("verify", "--local-image", "--key", "other.pub", "--insecure-ignore-tlog=true",
        layout.toString());
    assertThat(wrongKey.exitCode()).as(wrongKey.toString()).isEqualTo(12);
    assertOneErrorLine(wrongKey);

    CliRunner.Result att = fx.ok("verify-attestation", "--local-image", "--key", "cosign.pub", "--insecure-ignore-tlog",
        "--type", "slsaprovenance1", layout.toString());
    JsonNode statement = json(Base64.getDecoder().decode(json(att.outLines().get(0)).path("payload").asText()));
    assertThat(statement.path("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(statement.path("subject").get(0).path("digest").path("sha256").asText()).isEqualTo(img.digest().hex());
    CliRunner.Result legacyAtt = fx.ok("verify-attestation", "--local-image", "--key", "cosign.pub",
        "--insecure-ignore-tlog", "--type", "vuln", layout.toString());
    assertThat(json(Base64.getDecoder().decode(json(legacyAtt.outLines().get(0)).path("payload").asText()))
        .path("predicateType").asText()).isEqualTo("https://cosign.sigstore.dev/attestation/vuln/v1");
    CliRunner.Result attWrongKey = fx.run("verify-attestation", "--local-image", "--key", "other.pub",
        "--insecure-ignore-tlog", "--type", "vuln", layout.toString());
    assertThat(attWrongKey.exitCode()).as(attWrongKey.toString()).isEqualTo(12);
    assertOneErrorLine(attWrongKey);

    // load pushes it all back, to a new repository: the registry path verifies again (both formats).
    String loaded = fx.newRepo("local/loaded") + ":v2";
    fx.ok("load", "--dir", layout.toString(), loaded);
    assertThat(json(skopeo.tryRun(List.of("inspect", "--tls-verify=false", "docker://" + loaded)).requireSuccess()
        .stdout()).path("Digest").asText()).isEqualTo(img.digest().toString());
    fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", loaded);
    assertThat(json(fx.ok("verify", "--new-bundle-format=false", "--key", "cosign.pub", "--insecure-ignore-tlog=true",
        loaded).out()).size()).isEqualTo(1);
    fx.ok("verify-attestation", "--key", "cosign.pub", "--insecure-ignore-tlog", "--type", "slsaprovenance1", loaded);
    fx.ok("verify-attestation", "--key", "cosign.pub", "--insecure-ignore-tlog", "--type", "vuln", loaded);
    CliRunner.Result loadedWrongKey = fx.run("verify", "--key", "other.pub", "--insecure-ignore-tlog=true", loaded);
    assertThat(loadedWrongKey.exitCode()).isEqualTo(12);
  }

  @Test
  void unsignedLayoutIsExitTen() throws Exception {
    CliRegistryFixture.Pushed img = fx.push("local/unsigned", "v1");
    Path layout = dir.resolve("unsigned");
    fx.ok("save", img.ref(), "--dir", layout.toString());
    assertThat(byKind(index(layout)).keySet()).containsExactly("dev.cosignproject.cosign/image");

    CliRunner.Result r = fx.run("verify", "--local-image", "--key", "cosign.pub", "--insecure-ignore-tlog=true",
        layout.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(10);
    assertOneErrorLine(r);
    CliRunner.Result a = fx.run("verify-attestation", "--local-image", "--key", "cosign.pub", "--insecure-ignore-tlog",
        layout.toString());
    assertThat(a.exitCode()).as(a.toString()).isEqualTo(10);
    assertOneErrorLine(a);
  }

  @Test
  void savedIndexKeepsEveryChildAndVerifies() throws Exception {
    CliRegistryFixture.Pushed img = fx.pushIndex("local/index", "v1");
    fx.ok("sign", "--key", "cosign.key", img.ref());
    Path layout = dir.resolve("index");
    fx.ok("save", img.ref(), "--dir", layout.toString());
    JsonNode entry = byKind(index(layout)).get("dev.cosignproject.cosign/imageIndex").get(0);
    JsonNode saved = json(blob(layout, entry.path("digest").asText()));
    saved.path("manifests").forEach(child -> assertThat(layout.resolve("blobs/sha256/"
        + child.path("digest").asText().substring(7))).exists());
    Skopeo.create().tryRun(List.of("copy", "--all", "oci:" + layout.toAbsolutePath() + ":" + img.ref(),
        "dir:" + dir.resolve("copied-index"))).requireSuccess();
    fx.ok("verify", "--local-image", "--key", "cosign.pub", "--insecure-ignore-tlog=true", layout.toString());
  }

  @Test
  void malformedLayoutsAreOneLineExitOne() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRunner.Result notLayout = fx.run("verify", "--local-image", "--key", "cosign.pub", "--insecure-ignore-tlog=true",
        empty.toString());
    assertThat(notLayout.exitCode()).isEqualTo(1);
    assertOneErrorLine(notLayout);
    assertThat(errorLine(notLayout)).contains(empty.toString()).contains("oci-layout");

    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(broken.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[", StandardCharsets.UTF_8);
    CliRunner.Result badIndex = fx.run("verify-attestation", "--local-image", "--key", "cosign.pub",
        "--insecure-ignore-tlog", broken.toString());
    assertThat(badIndex.exitCode()).isEqualTo(1);
    assertOneErrorLine(badIndex);
    assertThat(errorLine(badIndex)).contains("index.json");

    CliRunner.Result missing = fx.run("verify", "--local-image", "--key", "cosign.pub", "--insecure-ignore-tlog=true",
        dir.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertOneErrorLine(missing);
    assertThat(errorLine(missing)).contains("not a directory");

    CliRunner.Result loadBroken = fx.run("load", "--dir", broken.toString(), fx.newRepo("local/never") + ":v1");
    assertThat(loadBroken.exitCode()).isEqualTo(1);
    assertOneErrorLine(loadBroken);
    assertThat(errorLine(loadBroken)).contains("index.json");
  }
}
