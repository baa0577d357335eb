package dev.signet.registry.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.registry.server.testkit.TestRegistry;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo (containers/image) copies images to and from the registry byte for byte. */
class SkopeoInteropTest {
  @TempDir Path data;
  @TempDir Path work;

  @Test
  void copyToAndFrom_keepsDigests() throws Exception {
    Skopeo skopeo = Skopeo.create();
    try (TestRegistry registry = TestRegistry.start(data)) {
      LayoutImage image = OciLayoutFixture.writeImage(work.resolve("src"), "v1", "skopeo-single");
      LayoutImage index = OciLayoutFixture.writeIndex(work.resolve("src"), "multi", "skopeo-multi");
      String base = "docker://" + registry.host() + "/interop/skopeo";
      skopeo.copy(image, base + ":v1");
      skopeo.copy(index, base + ":multi");

      assertThat(skopeo.inspectRaw(base + ":v1")).isEqualTo(image.bytes());
      assertThat(skopeo.inspectRaw(base + ":multi")).isEqualTo(index.bytes());
      assertThat(skopeo.inspectRaw(base + "@" + index.children().get(1).digest()))
          .isEqualTo(index.children().get(1).bytes());
      JsonNode tags = new ObjectMapper().readTree(skopeo.listTags(base));
      assertThat(tags.get("Tags").toString()).contains("v1", "multi");

      Path back = work.resolve("back");
      skopeo.pull(base + ":v1", back, "v1");
      JsonNode backIndex = new ObjectMapper().readTree(Files.readString(back.resolve("index.json")));
      assertThat(backIndex.get("manifests").get(0).get("digest").asText()).isEqualTo(image.digest().toString());
      for (Digest blob : image.blobs()) {
        assertThat(back.resolve("blobs/sha256/" + blob.hex())).exists();
      }

      assertThat(skopeo.delete(base + "@" + image.digest()).succeeded()).isTrue();
      assertThat(skopeo.tryRun(java.util.List.of("inspect", "--raw", "--tls-verify=false", base + ":v1"))
          .succeeded()).isFalse();
    }
  }
}
