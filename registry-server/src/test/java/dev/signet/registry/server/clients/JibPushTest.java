package dev.signet.registry.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.signet.oci.Digest;
import dev.signet.registry.server.clients.RecordingProxy.Call;
import dev.signet.registry.server.testkit.TestRegistry;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.Skopeo;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jib (jib-core, the library behind the Maven and Gradle plugins) pushes to the Signet registry: a base
 * image is pushed by skopeo from an OCI layout, Jib builds on it and pushes to another repository of the
 * same registry. Jib talks to the registry through a {@link RecordingProxy}, so the test sees Jib's own
 * request pattern: the base layer arrives by cross-repository mount ({@code POST ?mount=&from=} answered
 * 201, never uploaded), the new layer and config by a chunked upload ({@code POST} 202, {@code PATCH},
 * {@code PUT ?digest=}). skopeo, talking to the registry directly, then pulls the result, and the manifest
 * digest equals the one Jib reported.
 */
class JibPushTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;
  @TempDir Path work;

  private final List<String> jibLog = Collections.synchronizedList(new ArrayList<>());

  @Test
  void dockerFormat_baseLayerIsMounted_newLayerUploadedInChunks_skopeoPullsTheDigestJibReported()
      throws Exception {
    Skopeo skopeo = Skopeo.create();
    try (TestRegistry registry = TestRegistry.start(data);
        RecordingProxy proxy = RecordingProxy.start(registry.url())) {
      LayoutImage base = pushBase(skopeo, registry, "jib/base", "jib-base-docker");
      Digest baseLayer = base.blobs().get(1);

      JibContainer jib = containerize(proxy.host() + "/jib/base:v1", proxy.host() + "/jib/app:v1",
          "hello from jib (docker)", ImageFormat.Docker);
      Digest reported = Digest.parse(jib.getDigest().toString());
      assertThat(jib.isImagePushed()).isTrue();

      // The registry serves exactly what Jib pushed, under the digest Jib reported.
      HttpResponse<byte[]> manifest = registry.send("GET", "/v2/jib/app/manifests/v1", null,
          "Accept", "application/vnd.docker.distribution.manifest.v2+json");
      assertThat(manifest.statusCode()).isEqualTo(200);
      assertThat(Digest.sha256(manifest.body())).isEqualTo(reported);
      assertThat(manifest.headers().firstValue("Docker-Content-Digest")).hasValue(reported.toString());
      assertThat(manifest.headers().firstValue("Content-Type"))
          .hasValue("application/vnd.docker.distribution.manifest.v2+json");
      JsonNode m = JSON.readTree(manifest.body());
      assertThat(m.get("layers")).hasSize(2);
      assertThat(m.get("layers").get(0).get("digest").asText()).isEqualTo(baseLayer.toString());
      Digest appLayer = Digest.parse(m.get("layers").get(1).get("digest").asText());
      Digest config = Digest.parse(m.get("config").get("digest").asText());
      assertThat(config.toString()).isEqualTo(jib.getImageId().toString());

      // skopeo pulls it byte for byte (the dir: transport keeps the Docker manifest as it is).
      String ref = "docker://" + registry.host() + "/jib/app:v1";
      assertThat(Digest.sha256(skopeo.inspectRaw(ref))).isEqualTo(reported);
      assertThat(JSON.readTree(skopeo.inspect(ref)).get("Digest").asText()).isEqualTo(reported.toString());
      Path pulled = work.resolve("pulled");
      skopeo.tryRun(List.of("copy", "--src-tls-verify=false", ref, "dir:" + pulled)).requireSuccess();
      assertThat(Digest.sha256(Files.readAllBytes(pulled.resolve("manifest.json")))).isEqualTo(reported);
      for (Digest blob : List.of(baseLayer, appLayer, config)) {
        assertThat(Digest.sha256(Files.readAllBytes(pulled.resolve(blob.hex())))).as(blob.toString()).isEqualTo(blob);
      }

      List<Call> calls = proxy.calls();
      String trace = trace(calls);
      System.out.println("[signet-registry] Jib push to the Signet registry, " + trace);
      assertMountedNotUploaded(calls, trace, "jib/app", baseLayer, "jib/base");
      assertUploadedInChunks(calls, trace, "jib/app", appLayer, "jib/base");
      assertUploadedInChunks(calls, trace, "jib/app", config, "jib/base");
      assertThat(calls).as(trace).anySatisfy(c -> {
        assertThat(c.method()).isEqualTo("PUT");
        assertThat(c.path()).isEqualTo("/v2/jib/app/manifests/v1");
        assertThat(c.status()).isEqualTo(201);
      });
      // The mounted blob is now linked to the target repository itself.
      assertThat(registry.send("HEAD", "/v2/jib/app/blobs/" + baseLayer, null).statusCode()).isEqualTo(200);
      assertThat(registry.send("GET", "/v2/jib/app/blobs/" + baseLayer, null).body())
          .isEqualTo(Files.readAllBytes(base.layout().resolve("blobs/sha256/" + baseLayer.hex())));
    }
  }

  @Test
  void ociFormat_pullsIntoALayoutWithTheSameDigest_andARepushUploadsNothing() throws Exception {
    Skopeo skopeo = Skopeo.create();
    try (TestRegistry registry = TestRegistry.start(data);
        RecordingProxy proxy = RecordingProxy.start(registry.url())) {
      LayoutImage base = pushBase(skopeo, registry, "jib/oci-base", "jib-base-oci");
      String target = proxy.host() + "/jib/oci-app:v1";

      JibContainer jib = containerize(proxy.host() + "/jib/oci-base:v1", target, "hello from jib (oci)",
          ImageFormat.OCI);
      Digest reported = Digest.parse(jib.getDigest().toString());

      HttpResponse<byte[]> manifest = registry.send("GET", "/v2/jib/oci-app/manifests/v1", null,
          "Accept", "application/vnd.oci.image.manifest.v1+json");
      assertThat(manifest.statusCode()).isEqualTo(200);
      assertThat(manifest.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.manifest.v1+json");
      assertThat(Digest.sha256(manifest.body())).isEqualTo(reported);

      Path back = work.resolve("back");
      skopeo.pull("docker://" + registry.host() + "/jib/oci-app:v1", back, "v1");
      JsonNode index = JSON.readTree(Files.readString(back.resolve("index.json")));
      assertThat(index.get("manifests").get(0).get("digest").asText()).isEqualTo(reported.toString());
      JsonNode m = JSON.readTree(Files.readAllBytes(back.resolve("blobs/sha256/" + reported.hex())));
      for (JsonNode layer : m.get("layers")) {
        Digest d = Digest.parse(layer.get("digest").asText());
        assertThat(Digest.sha256(Files.readAllBytes(back.resolve("blobs/sha256/" + d.hex())))).isEqualTo(d);
      }
      assertThat(m.get("layers").get(0).get("digest").asText()).isEqualTo(base.blobs().get(1).toString());
      String trace = trace(proxy.calls());
      assertMountedNotUploaded(proxy.calls(), trace, "jib/oci-app", base.blobs().get(1), "jib/oci-base");

      // Jib's build is reproducible; pushing it again finds every blob in place (HEAD 200) and sends none.
      proxy.clear();
      JibContainer again = containerize(proxy.host() + "/jib/oci-base:v1", target, "hello from jib (oci)",
          ImageFormat.OCI);
      assertThat(again.getDigest().toString()).isEqualTo(reported.toString());
      List<Call> second = proxy.calls();
      String secondTrace = trace(second);
      assertThat(second).as(secondTrace)
          .noneMatch(c -> c.method().equals("PATCH") || c.path().contains("/blobs/uploads/"));
      assertThat(second).as(secondTrace).anySatisfy(c -> {
        assertThat(c.method()).isEqualTo("HEAD");
        assertThat(c.path()).startsWith("/v2/jib/oci-app/blobs/sha256:");
        assertThat(c.status()).isEqualTo(200);
      });
      assertThat(jibLog).as(String.join("\n", jibLog)).anyMatch(l -> l.contains("already exists on target registry"));
    }
  }

  /** Writes a one-layer OCI layout and copies it to {@code repo:v1} with skopeo (straight to the registry). */
  private LayoutImage pushBase(Skopeo skopeo, TestRegistry registry, String repo, String seed) {
    LayoutImage base = OciLayoutFixture.writeImage(work.resolve("layout-" + seed), "v1", seed);
    skopeo.copy(base, "docker://" + registry.host() + "/" + repo + ":v1");
    assertThat(registry.send("GET", "/v2/" + repo + "/manifests/v1", null).statusCode()).isEqualTo(200);
    return base;
  }

  private JibContainer containerize(String base, String target, String content, ImageFormat format)
      throws Exception {
    Path file = Files.createDirectories(work.resolve("app")).resolve("hello.txt");
    Files.writeString(file, content + "\n");
    Containerizer to = Containerizer.to(RegistryImage.named(target))
        .setAllowInsecureRegistries(true)
        .setBaseImageLayersCache(work.resolve("cache/base"))
        .setApplicationLayersCache(work.resolve("cache/app"))
        .setToolName("signet-registry-test")
        .addEventHandler(LogEvent.class, e -> jibLog.add(e.getLevel() + " " + e.getMessage()));
    return Jib.from(RegistryImage.named(base))
        .addFileEntriesLayer(FileEntriesLayer.builder().setName("app")
            .addEntry(file, AbsoluteUnixPath.get("/app/hello.txt")).build())
        .setEntrypoint("/bin/cat", "/app/hello.txt")
        .setCreationTime(Instant.EPOCH)
        .setFormat(format)
        .containerize(to);
  }

  /** The base layer reached {@code repo} by {@code POST ?mount=&from=} answered 201, and no upload carried it. */
  private static void assertMountedNotUploaded(List<Call> calls, String trace, String repo, Digest blob, String from) {
    List<Call> mounts = calls.stream().filter(c -> c.method().equals("POST")
        && c.path().equals("/v2/" + repo + "/blobs/uploads/") && blob.toString().equals(query(c).get("mount")))
        .toList();
    assertThat(mounts).as("mount of %s%n%s", blob, trace).hasSize(1);
    assertThat(query(mounts.get(0)).get("from")).isEqualTo(from);
    assertThat(mounts.get(0).status()).as(trace).isEqualTo(201);
    assertThat(mounts.get(0).location()).isEqualTo("/v2/" + repo + "/blobs/" + blob);
    assertThat(calls).as(trace).noneMatch(c -> c.method().equals("PUT") && blob.toString().equals(query(c).get("digest")));
  }

  /**
   * {@code blob} reached {@code repo} by a failed mount attempt (202, a session instead), one PATCH carrying
   * the whole blob, then {@code PUT ?digest=} answered 201.
   */
  private static void assertUploadedInChunks(List<Call> calls, String trace, String repo, Digest blob, String from) {
    List<Call> posts = calls.stream().filter(c -> c.method().equals("POST")
        && c.path().equals("/v2/" + repo + "/blobs/uploads/") && blob.toString().equals(query(c).get("mount")))
        .toList();
    assertThat(posts).as("upload of %s%n%s", blob, trace).hasSize(1);
    Call post = posts.get(0);
    assertThat(query(post).get("from")).isEqualTo(from);
    assertThat(post.status()).as(trace).isEqualTo(202);
    String session = post.location();
    assertThat(session).startsWith("/v2/" + repo + "/blobs/uploads/");
    List<Call> patches = calls.stream().filter(c -> c.method().equals("PATCH") && c.path().equals(session)).toList();
    assertThat(patches).as(trace).hasSize(1);
    assertThat(patches.get(0).status()).as(trace).isEqualTo(202);
    assertThat(patches.get(0).requestBytes()).isPositive();
    List<Call> puts = calls.stream().filter(c -> c.method().equals("PUT") && blob.toString().equals(query(c).get("digest")))
        .toList();
    assertThat(puts).as(trace).hasSize(1);
    assertThat(puts.get(0).path()).startsWith("/v2/" + repo + "/blobs/uploads/");
    assertThat(puts.get(0).status()).as(trace).isEqualTo(201);
    assertThat(puts.get(0).location()).isEqualTo("/v2/" + repo + "/blobs/" + blob);
  }

  private static Map<String, String> query(Call c) {
    Map<String, String> out = new HashMap<>();
    for (String pair : c.query().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String trace(List<Call> calls) {
    return "requests Jib sent:\n  " + String.join("\n  ", calls.stream().map(Call::toString).toList());
  }
}
