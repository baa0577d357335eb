package dev.signet.registry.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.registry.server.testkit.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsckTest {
  @TempDir Path data;

  @Test
  void cleanRegistry_isClean_corruptionIsFound() throws Exception {
    Digest layer;
    try (TestRegistry registry = TestRegistry.start(data)) {
      registry.pushImage("repo", "v1", "fsck");
      layer = registry.pushBlob("repo", "layer fsck".getBytes());
      FsckReport report = registry.server().registry().fsck().run();
      assertThat(report.clean()).isTrue();
      assertThat(report.manifests()).isEqualTo(1);
      assertThat(report.blobs()).isEqualTo(2);
    }
    Path file = data.resolve("blobs/sha256/" + layer.hex().substring(0, 2) + "/" + layer.hex());
    Files.writeString(file, "tampered");
    try (Registry registry = Registry.open(data, Clock.systemUTC(), false)) {
      FsckReport report = registry.fsck().run();
      assertThat(report.clean()).isFalse();
      assertThat(report.problems()).singleElement().asString().contains(layer.toString(), "does not match");
    }
    Files.delete(file);
    try (Registry registry = Registry.open(data, Clock.systemUTC(), false)) {
      assertThat(registry.fsck().run().problems()).singleElement().asString().contains("missing from storage");
    }
  }
}
