package dev.signet.sign.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.UnsupportedByRegistryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout reader on a layout shaped as cosign's {@code save} writes it (index entries annotated only
 * with {@code kind}; bundle referrers only among the blobs) and the writer's exact {@code index.json}.
 */
class OciLayoutTest {
  @TempDir Path dir;

  private static final String CONFIG = "{}";
  private static final byte[] LAYER = "layer".getBytes(StandardCharsets.UTF_8);

  private static String manifest(Digest config, Digest layer, String layerType, String subject) {
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
        + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":2,\"digest\":\"" + config + "\"},"
        + "\"layers\":[{\"mediaType\":\"" + layerType + "\",\"size\":5,\"digest\":\"" + layer + "\"}]"
        + (subject == null ? "" : ",\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"size\":1,\"digest\":\"" + subject + "\"}")
        + "}";
  }

  /** image + sigs entries in index.json; a bundle referrer and an unrelated manifest only as blobs. */
  private Digest[] cosignShaped() throws Exception {
    LayoutWriter w = new LayoutWriter(dir);
    Digest config = w.blob(CONFIG.getBytes(StandardCharsets.UTF_8));
    Digest layer = w.blob(LAYER);
    byte[] image = manifest(config, layer, "application/vnd.oci.image.layer.v1.tar", null).getBytes(StandardCharsets.UTF_8);
    Digest imageDigest = w.blob(image);
    byte[] sigs = manifest(config, layer, "application/vnd.dev.cosign.simplesigning.v1+json", null)
        .getBytes(StandardCharsets.UTF_8);
    Digest sigsDigest = w.blob(sigs);
    Digest referrer = w.blob(manifest(config, layer, "application/vnd.dev.sigstore.bundle.v0.3+json", imageDigest.toString())
        .getBytes(StandardCharsets.UTF_8));
    w.blob(manifest(config, layer, "application/vnd.dev.sigstore.bundle.v0.3+json", sigsDigest.toString())
        .getBytes(StandardCharsets.UTF_8)); // a referrer of something else
    w.append(Descriptor.of("application/vnd.oci.image.manifest.v1+json", imageDigest, image.length)
        .withAnnotations(Map.of("kind", "dev.cosignproject.cosign/image")));
    w.append(Descriptor.of("application/vnd.oci.image.manifest.v1+json", sigsDigest, sigs.length)
        .withAnnotations(Map.of("kind", "dev.cosignproject.cosign/sigs")));
    w.commit();
    return new Digest[] {imageDigest, sigsDigest, referrer};
  }

  @Test
  void writerIndexJsonIsExact() throws Exception {
    Digest[] d = cosignShaped();
    assertThat(Files.readString(dir.resolve("index.json"))).isEqualTo("{\"schemaVersion\":2,\"mediaType\":"
        + "\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"size\":" + Files.size(blob(d[0])) + ",\"digest\":\"" + d[0]
        + "\",\"annotations\":{\"kind\":\"dev.cosignproject.cosign/image\"}},{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"size\":" + Files.size(blob(d[1])) + ",\"digest\":\"" + d[1]
        + "\",\"annotations\":{\"kind\":\"dev.cosignproject.cosign/sigs\"}}]}");
    assertThat(Files.readString(dir.resolve("oci-layout"))).isEqualTo("{\n    \"imageLayoutVersion\": \"1.0.0\"\n}");
  }

  private Path blob(Digest d) {
    return dir.resolve("blobs/sha256/" + d.hex());
  }

  @Test
  void readsEntriesAndFindsReferrersAmongBlobs() throws Exception {
    Digest[] d = cosignShaped();
    OciLayout layout = OciLayout.open(dir);
    assertThat(layout.image().digest()).isEqualTo(d[0].toString());
    assertThat(layout.entry(LayoutKinds.SIGS).orElseThrow().digest()).isEqualTo(d[1].toString());
    assertThat(layout.entry(LayoutKinds.ATTS)).isEmpty();
    List<Descriptor> referrers = layout.referrers(d[0]);
    assertThat(referrers).extracting(Descriptor::digest).containsExactly(d[2].toString());
    assertThat(referrers.get(0).artifactType()).isEqualTo("application/vnd.oci.image.config.v1+json");

    LocalImage local = LocalImage.open(dir);
    assertThat(local.reference().toString()).isEqualTo("localhost/local-image@" + d[0]);
    var client = local.client();
    assertThat(client.getManifest(ImageReference.parse("localhost/x:sha256-" + d[0].hex() + ".sig")).digest())
        .isEqualTo(d[1]);
    assertThatThrownBy(() -> client.getManifest(ImageReference.parse("localhost/x:sha256-" + d[0].hex() + ".att")))
        .isInstanceOf(NotFoundException.class);
    assertThat(client.referrers(local.reference().repository(), d[0], Optional.empty()).referrers()).hasSize(1);
    assertThatThrownBy(() -> client.pushBlob(local.reference().repository(), d[0], new byte[0]))
        .isInstanceOf(UnsupportedByRegistryException.class);
  }

  @Test
  void tamperedBlobIsReportedNotServed() throws Exception {
    Digest[] d = cosignShaped();
    Files.writeString(blob(d[1]), "{\"tampered\":true}");
    OciLayout layout = OciLayout.open(dir);
    assertThatThrownBy(() -> layout.blob(d[1], 1 << 20)).isInstanceOf(LayoutException.class)
        .hasMessageContaining("does not match its digest " + d[1]);
  }

  @Test
  void layoutWithSeveralUnannotatedEntriesNamesTheProblem() throws Exception {
    LayoutWriter w = new LayoutWriter(dir);
    Digest a = w.blob("{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8));
    Digest b = w.blob("{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8));
    w.append(Descriptor.of("application/vnd.oci.image.manifest.v1+json", a, 19));
    w.append(Descriptor.of("application/vnd.oci.image.manifest.v1+json", b, 30));
    w.commit();
    assertThatThrownBy(() -> OciLayout.open(dir).image()).isInstanceOf(LayoutException.class)
        .hasMessageContaining("2 entries").hasMessageContaining("kind=dev.cosignproject.cosign/image");
  }
}
