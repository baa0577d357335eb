package dev.signet.testing.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutFixtureTest {
  @TempDir Path tmp;

  @Test
  void sameSeedGivesSameBytesAndDistinctSeedsDiffer() throws IOException {
    LayoutImage a = OciLayoutFixture.writeImage(tmp.resolve("a"), "v1", "seed-1");
    LayoutImage b = OciLayoutFixture.writeImage(tmp.resolve("b"), "v1", "seed-1");
    LayoutImage c = OciLayoutFixture.writeImage(tmp.resolve("c"), "v1", "seed-2");
    assertThat(a.digest()).isEqualTo(b.digest()).isNotEqualTo(c.digest());
    assertThat(Files.readString(tmp.resolve("a/index.json"))).isEqualTo(Files.readString(tmp.resolve("b/index.json")));
    assertThat(Digest.sha256(Files.readAllBytes(tmp.resolve("a/blobs/sha256/" + a.digest().hex()))))
        .isEqualTo(a.digest());
  }

  @Test
  void layerIsAValidGzipTar() throws IOException {
    LayoutImage a = OciLayoutFixture.writeImage(tmp, "v1", "hello");
    byte[] layer = Files.readAllBytes(tmp.resolve("blobs/sha256/" + a.blobs().get(1).hex()));
    byte[] tar = new GZIPInputStream(new ByteArrayInputStream(layer)).readAllBytes();
    assertThat(tar.length % 512).isZero();
    assertThat(new String(tar, 0, 9)).isEqualTo("hello.txt");
    assertThat(new String(tar, 512, 17)).isEqualTo("hello from hello\n");
  }

  @Test
  void tagsAccumulateInOneLayout() throws IOException {
    OciLayoutFixture.writeImage(tmp, "v1", "one");
    OciLayoutFixture.writeImage(tmp, "v2", "two");
    LayoutImage idx = OciLayoutFixture.writeIndex(tmp, "multi", "three");
    OciLayoutFixture.writeImage(tmp, "v1", "one-again");
    String index = Files.readString(tmp.resolve("index.json"));
    assertThat(index).contains("\"v1\"", "\"v2\"", "\"multi\"");
    assertThat(index.split("\"v1\"", -1)).hasSize(2);
    assertThat(idx.children()).hasSize(2);
    assertThat(new String(idx.bytes())).contains("arm64", "amd64");
  }
}
