package dev.signet.registry.server.security;

import static dev.signet.registry.server.security.SecuredRegistry.PUSHER;
import static dev.signet.registry.server.security.SecuredRegistry.READER;
import static dev.signet.registry.server.security.SecuredRegistry.descriptor;
import static dev.signet.registry.server.security.SecuredRegistry.manifest;
import static dev.signet.registry.server.security.SecuredRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.service.ManifestParser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, the smaller findings: strict field types, bounded work per PUT, no sticky fallback-index type. */
class ManifestStrictnessTest {
  @TempDir Path data;
  SecuredRegistry r;
  SecuredRegistry.Parts parts;

  @BeforeEach
  void start() {
    r = SecuredRegistry.start(data);
    parts = r.runnableParts("strict");
  }

  @AfterEach
  void stop() {
    r.close();
  }

  private HttpResponse<byte[]> push(String layer) {
    byte[] m = manifest(parts.configDescriptor(MediaTypes.OCI_CONFIG), List.of(layer), null);
    return r.put(PUSHER, "t", MediaTypes.OCI_MANIFEST, m);
  }

  private static void assertInvalid(HttpResponse<byte[]> put, String code, String... phrases) {
    assertThat(put.statusCode()).as(text(put)).isEqualTo(400);
    assertThat(SecuredRegistry.json(put).at("/errors/0/code").asText()).isEqualTo(code);
    assertThat(text(put)).contains(phrases);
  }

  @Test
  void sizesBeyondInt64AreRejectedNotWrapped() {
    String layer = "{\"mediaType\":\"" + MediaTypes.OCI_LAYER_GZIP + "\",\"digest\":\"" + parts.layer()
        + "\",\"size\":18446744073709551616}";
    assertInvalid(push(layer), "MANIFEST_INVALID", "layers[] has no valid size");
  }

  @Test
  void urlsMustBeAnArrayOfStrings() {
    String layer = "{\"mediaType\":\"" + MediaTypes.OCI_LAYER_GZIP + "\",\"digest\":\"" + parts.layer()
        + "\",\"size\":" + parts.layerSize() + ",\"urls\":5}";
    assertInvalid(push(layer), "MANIFEST_INVALID", "urls must be an array of strings");
  }

  @Test
  void descriptorCountsAreCapped() {
    List<String> layers = new ArrayList<>();
    int over = ManifestParser.MAX_DESCRIPTORS + 1;
    for (int i = 0; i < over; i++) {
      layers.add(parts.layerDescriptor(MediaTypes.OCI_LAYER_GZIP));
    }
    byte[] m = manifest(parts.configDescriptor(MediaTypes.OCI_CONFIG), layers, null);
    assertInvalid(r.put(PUSHER, "t", MediaTypes.OCI_MANIFEST, m), "MANIFEST_INVALID", over + " layers",
        "at most " + ManifestParser.MAX_DESCRIPTORS);
  }

  @Test
  void manyMissingLayersAreReportedBrieflyAndFast() {
    List<String> layers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      layers.add(descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(("missing " + i).getBytes()), 10));
    }
    byte[] m = manifest(parts.configDescriptor(MediaTypes.OCI_CONFIG), layers, null);
    long start = System.nanoTime();
    HttpResponse<byte[]> put = r.put(PUSHER, "t", MediaTypes.OCI_MANIFEST, m);
    assertThat(put.statusCode()).as(text(put)).isBetween(400, 499);
    assertThat(SecuredRegistry.json(put).at("/errors/0/code").asText()).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    assertThat(text(put)).contains("and 990 more").hasSizeLessThan(2000);
    assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(10_000_000_000L);
  }

  @Test
  void anIndexFirstPushedUnderAFallbackTagIsJudgedOnceTaggedNormally() {
    Digest child = r.image("child", "child");
    Digest other = r.image("other", "other");
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + descriptor(MediaTypes.OCI_MANIFEST, child, r.get(SecuredRegistry.ADMIN, "child").body().length) + "]}")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(r.put(PUSHER, SignatureTags.referrersFallbackTag(other), MediaTypes.OCI_INDEX, index).statusCode())
        .isEqualTo(201);
    assertThat(r.put(PUSHER, "multi", MediaTypes.OCI_INDEX, index).statusCode()).isEqualTo(201);

    HttpResponse<byte[]> g = r.get(READER, "multi");
    assertThat(g.statusCode()).as(text(g)).isEqualTo(412);
    assertThat(r.get(READER, Digest.sha256(index).toString()).statusCode()).isEqualTo(412);
  }

  @Test
  void mediaTypesThatAreNotMediaTypesAreRejected() {
    assertInvalid(push(descriptor("tar+gzip", parts.layer(), parts.layerSize())), "MANIFEST_INVALID",
        "is not a media type");
  }
}
