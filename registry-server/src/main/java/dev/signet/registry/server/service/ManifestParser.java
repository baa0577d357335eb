package dev.signet.registry.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.service.ParsedManifest.InlineBlob;
import dev.signet.registry.server.storage.Reference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validates a pushed manifest (OCI image manifest or index, Docker schema 2 manifest or list) without
 * changing its bytes, and extracts references, subject, artifact type and annotations. The referrers
 * artifact type is the document's {@code artifactType}, else, for a manifest, its config media type.
 */
public final class ManifestParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Layers that need not be uploaded (they carry {@code urls}). */
  private static final List<String> FOREIGN = List.of("application/vnd.docker.image.rootfs.foreign.",
      "application/vnd.oci.image.layer.nondistributable.");

  private ManifestParser() {}

  /** @param contentType the request's {@code Content-Type}, may be null */
  public static ParsedManifest parse(byte[] body, String contentType) throws RegistryException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw invalid("manifest is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw invalid("manifest is not a JSON object");
    }
    if (root.path("schemaVersion").asInt(-1) != 2 || !root.path("schemaVersion").isIntegralNumber()) {
      throw invalid("schemaVersion must be 2 (Docker schema 1 is not supported)");
    }
    String mediaType = mediaType(root, contentType);
    boolean index = MediaTypes.isIndex(mediaType);
    List<InlineBlob> inline = new ArrayList<>();
    List<Reference> refs = new ArrayList<>();
    String configType = null;
    List<String> layerTypes = new ArrayList<>();
    String artifactType = optionalString(root, "artifactType");
    if (index) {
      for (JsonNode d : array(root, "manifests", true)) {
        refs.add(Reference.manifest(descriptor(d, "manifests[]", inline)));
      }
    } else {
      JsonNode config = root.get("config");
      if (config == null) {
        throw invalid("an image manifest needs a config descriptor");
      }
      refs.add(Reference.blob(descriptor(config, "config", inline)));
      configType = config.get("mediaType").asText();
      for (JsonNode d : array(root, "layers", false)) {
        Digest layer = descriptor(d, "layers[]", inline);
        layerTypes.add(d.get("mediaType").asText());
        if (!isForeign(d)) {
          refs.add(Reference.blob(layer));
        }
      }
      if (artifactType == null) {
        artifactType = configType;
      }
    }
    Digest subject = root.hasNonNull("subject") ? descriptor(root.get("subject"), "subject", null) : null;
    return new ParsedManifest(mediaType, index, dedupe(refs), subject, artifactType, configType, layerTypes,
        annotations(root), inline);
  }

  private static String mediaType(JsonNode root, String contentType) throws RegistryException {
    String declared = optionalString(root, "mediaType");
    String header = contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    boolean generic = header == null || header.isEmpty() || header.equals("application/json")
        || header.equals("application/octet-stream");
    if (declared != null && !generic && !declared.equals(header)) {
      throw invalid("Content-Type " + header + " does not match the manifest's mediaType " + declared);
    }
    String type = declared != null ? declared : generic ? (root.has("manifests") ? MediaTypes.OCI_INDEX
        : MediaTypes.OCI_MANIFEST) : header;
    if (!MediaTypes.MANIFEST_TYPES.contains(type)) {
      throw invalid("unsupported manifest media type " + type);
    }
    return type;
  }

  private static Digest descriptor(JsonNode d, String where, List<InlineBlob> inline) throws RegistryException {
    if (d == null || !d.isObject()) {
      throw invalid(where + " is not a descriptor");
    }
    if (!d.path("mediaType").isTextual() || d.get("mediaType").asText().isEmpty()) {
      throw invalid(where + " has no mediaType");
    }
    if (!d.path("size").isIntegralNumber() || d.get("size").asLong() < 0) {
      throw invalid(where + " has no valid size");
    }
    Digest digest;
    try {
      digest = Digest.parse(d.path("digest").isTextual() ? d.get("digest").asText() : null);
    } catch (InvalidDigestException e) {
      throw invalid(where + ": " + e.getMessage());
    }
    if (inline != null && d.hasNonNull("data")) {
      inline.add(inlineBlob(d, digest, where));
    }
    return digest;
  }

  private static InlineBlob inlineBlob(JsonNode d, Digest digest, String where) throws RegistryException {
    byte[] data;
    try {
      data = Base64.getDecoder().decode(d.get("data").asText());
    } catch (IllegalArgumentException e) {
      throw invalid(where + ": data is not base64");
    }
    if (data.length != d.get("size").asLong() || !digest.matches(data)) {
      throw invalid(where + ": data does not match its digest and size");
    }
    return new InlineBlob(digest, data);
  }

  private static boolean isForeign(JsonNode d) {
    String mt = d.get("mediaType").asText();
    return d.path("urls").isArray() && d.get("urls").size() > 0 && FOREIGN.stream().anyMatch(mt::startsWith);
  }

  private static Iterable<JsonNode> array(JsonNode root, String field, boolean required) throws RegistryException {
    JsonNode a = root.get(field);
    if (a == null || a.isNull()) {
      if (required) {
        throw invalid("an index needs a " + field + " array");
      }
      return List.of();
    }
    if (!a.isArray()) {
      throw invalid(field + " must be an array");
    }
    return a;
  }

  private static Map<String, String> annotations(JsonNode root) throws RegistryException {
    JsonNode a = root.get("annotations");
    Map<String, String> out = new LinkedHashMap<>();
    if (a == null || a.isNull()) {
      return out;
    }
    if (!a.isObject()) {
      throw invalid("annotations must be an object");
    }
    for (Map.Entry<String, JsonNode> e : a.properties()) {
      if (!e.getValue().isTextual()) {
        throw invalid("annotation " + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static String optionalString(JsonNode root, String field) throws RegistryException {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw invalid(field + " must be a string");
    }
    return n.asText();
  }

  private static List<Reference> dedupe(List<Reference> refs) {
    return refs.stream().distinct().toList();
  }

  private static RegistryException invalid(String message) {
    return RegistryException.of(ErrorCode.MANIFEST_INVALID, "manifest invalid", message);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse(s);
  }
}
