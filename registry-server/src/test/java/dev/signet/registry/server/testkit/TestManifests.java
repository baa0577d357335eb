package dev.signet.registry.server.testkit;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small manifests written as literal JSON, so tests control every byte. */
public final class TestManifests {
  public static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);
  public static final Digest EMPTY_DIGEST = Digest.sha256(EMPTY_JSON);

  private TestManifests() {}

  public static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  /** An OCI image manifest with a config and layers (each given as digest → size). */
  public static byte[] image(Digest config, long configSize, Map<Digest, Long> layers) {
    String ls = layers.entrySet().stream()
        .map(e -> descriptor(MediaTypes.OCI_LAYER_GZIP, e.getKey(), e.getValue())).collect(Collectors.joining(","));
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
        + descriptor(MediaTypes.OCI_CONFIG, config, configSize) + ",\"layers\":[" + ls + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An OCI 1.1 artifact manifest (empty config) attached to {@code subject}. */
  public static byte[] referrer(Digest subject, long subjectSize, String artifactType, Map<String, String> annotations) {
    String ann = annotations.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
        .collect(Collectors.joining(","));
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\""
        + artifactType + "\",\"config\":" + descriptor(MediaTypes.OCI_EMPTY, EMPTY_DIGEST, 2) + ",\"layers\":["
        + descriptor(MediaTypes.OCI_EMPTY, EMPTY_DIGEST, 2) + "],\"subject\":"
        + descriptor(MediaTypes.OCI_MANIFEST, subject, subjectSize)
        + (ann.isEmpty() ? "" : ",\"annotations\":{" + ann + "}") + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** A legacy cosign signature image: one simple-signing layer per given layer blob. */
  public static byte[] legacySignature(List<Digest> layers, long layerSize) {
    String ls = layers.stream().map(d -> "{\"mediaType\":\"" + MediaTypes.COSIGN_SIMPLESIGNING + "\",\"size\":"
        + layerSize + ",\"digest\":\"" + d + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"sig\"}}")
        .collect(Collectors.joining(","));
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
        + descriptor(MediaTypes.OCI_CONFIG, EMPTY_DIGEST, 2) + ",\"layers\":[" + ls + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An OCI image index over manifests (digest → size). */
  public static byte[] index(Map<Digest, Long> children) {
    String ms = children.entrySet().stream().map(e -> descriptor(MediaTypes.OCI_MANIFEST, e.getKey(), e.getValue()))
        .collect(Collectors.joining(","));
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + ms + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
