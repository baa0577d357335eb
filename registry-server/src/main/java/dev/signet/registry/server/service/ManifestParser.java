package dev.signet.registry.server.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.service.ParsedManifest.Blob;
import dev.signet.registry.server.service.ParsedManifest.InlineBlob;
import dev.signet.registry.server.storage.Reference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates a pushed manifest (OCI image manifest or index, Docker schema 2 manifest or list) without
 * changing its bytes, and extracts references, subject, artifact type and annotations. The referrers
 * artifact type is the document's {@code artifactType}, else, for a manifest, its config media type.
 *
 * <p>Parsing is strict so that no client reads the document differently from the registry: duplicate
 * keys anywhere, trailing data, and keys that differ from a known field only in case (see
 * {@link ManifestKeys}) are refused; known fields must have their JSON type ({@code size} an integer in
 * int64 range, {@code urls} an array of strings, …); media types must be RFC 6838 media types; a document
 * cannot be both a manifest and an index; and at most {@link #MAX_DESCRIPTORS} layers or manifests are
 * listed, so one request's work stays bounded.
 */
public final class ManifestParser {
  /** The most layers (manifest) or manifests (index) one document may list: room for thousands of
   * accessories in a referrers fallback index, still bounded work per request. */
  public static final int MAX_DESCRIPTORS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
      String m = firstLine(e.getMessage());
      throw invalid(m.startsWith("Duplicate field") ? "manifest has a duplicate key: " + m
          + " (clients would read different values)" : "manifest is not valid JSON: " + m);
    }
    if (root == null || !root.isObject()) {
      throw invalid("manifest is not a JSON object");
    }
    checkKeys(root, ManifestKeys.DOCUMENT, "the manifest");
    if (!root.path("schemaVersion").isIntegralNumber() || !root.path("schemaVersion").canConvertToInt()
        || root.get("schemaVersion").intValue() != 2) {
      throw invalid("schemaVersion must be 2 (Docker schema 1 is not supported)");
    }
    String mediaType = mediaType(root, contentType);
    boolean index = MediaTypes.isIndex(mediaType);
    if (index ? present(root, "config") || present(root, "layers") : present(root, "manifests")) {
      throw invalid("a document with both manifests and config/layers is ambiguous (mediaType " + mediaType + ")");
    }
    List<InlineBlob> inline = new ArrayList<>();
    List<Reference> refs = new ArrayList<>();
    Blob config = null;
    List<Blob> layers = new ArrayList<>();
    String artifactType = optionalString(root, "artifactType", "artifactType");
    if (artifactType != null) {
      checkMediaType(artifactType, "artifactType");
    }
    if (index) {
      for (JsonNode d : array(root, "manifests", true)) {
        refs.add(Reference.manifest(descriptor(d, "manifests[]", inline).digest()));
      }
    } else {
      JsonNode c = root.get("config");
      if (c == null || c.isNull()) {
        throw invalid("an image manifest needs a config descriptor");
      }
      config = descriptor(c, "config", inline);
      refs.add(Reference.blob(config.digest()));
      for (JsonNode d : array(root, "layers", false)) {
        Blob layer = descriptor(d, "layers[]", inline);
        layers.add(layer);
        if (!layer.foreign()) {
          refs.add(Reference.blob(layer.digest()));
        }
      }
      if (artifactType == null) {
        artifactType = config.mediaType();
      }
    }
    Digest subject = present(root, "subject") ? descriptor(root.get("subject"), "subject", null).digest() : null;
    return new ParsedManifest(mediaType, index, dedupe(refs), subject, artifactType,
        config == null ? null : config.mediaType(), layers.stream().map(Blob::mediaType).toList(),
        annotations(root, "the manifest"), inline, config, layers);
  }

  private static String mediaType(JsonNode root, String contentType) throws RegistryException {
    String declared = optionalString(root, "mediaType", "mediaType");
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

  private static Blob descriptor(JsonNode d, String where, List<InlineBlob> inline) throws RegistryException {
    if (d == null || !d.isObject()) {
      throw invalid(where + " is not a descriptor");
    }
    checkKeys(d, ManifestKeys.DESCRIPTOR, where);
    if (!d.path("mediaType").isTextual() || d.get("mediaType").asText().isEmpty()) {
      throw invalid(where + " has no mediaType");
    }
    String mediaType = d.get("mediaType").asText();
    String essence = checkMediaType(mediaType, where + ".mediaType");
    JsonNode size = d.path("size");
    if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
      throw invalid(where + " has no valid size (an integer from 0 to " + Long.MAX_VALUE + ")");
    }
    Digest digest;
    try {
      digest = Digest.parse(d.path("digest").isTextual() ? d.get("digest").asText() : null);
    } catch (InvalidDigestException e) {
      throw invalid(where + ": " + e.getMessage());
    }
    int urls = urls(d, where);
    optionalString(d, "artifactType", where + ".artifactType");
    annotations(d, where);
    JsonNode platform = d.get("platform");
    if (platform != null && !platform.isNull()) {
      if (!platform.isObject()) {
        throw invalid(where + ".platform must be an object");
      }
      checkKeys(platform, ManifestKeys.PLATFORM, where + ".platform");
    }
    if (present(d, "data")) {
      if (!d.get("data").isTextual()) {
        throw invalid(where + ".data must be a base64 string");
      }
      InlineBlob blob = inlineBlob(d, digest, where);
      if (inline != null) {
        inline.add(blob);
      }
    }
    boolean foreign = urls > 0 && FOREIGN.stream().anyMatch(essence::startsWith);
    return new Blob(digest, size.longValue(), mediaType, essence, foreign);
  }

  private static int urls(JsonNode d, String where) throws RegistryException {
    JsonNode urls = d.get("urls");
    if (urls == null || urls.isNull()) {
      return 0;
    }
    if (!urls.isArray()) {
      throw invalid(where + ".urls must be an array of strings");
    }
    for (JsonNode u : urls) {
      if (!u.isTextual()) {
        throw invalid(where + ".urls must be an array of strings");
      }
    }
    return urls.size();
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

  private static String checkMediaType(String value, String where) throws RegistryException {
    String essence = MediaType.essenceOf(value);
    if (essence == null) {
      throw invalid(where + " '" + value + "' is not a media type (RFC 6838 type/subtype)");
    }
    return essence;
  }

  private static void checkKeys(JsonNode object, Set<String> known, String where) throws RegistryException {
    String[] variant = ManifestKeys.caseVariant(object, known);
    if (variant != null) {
      throw invalid(where + " has the key \"" + variant[0] + "\", which differs from the field \"" + variant[1]
          + "\" only in case; clients that match keys case-insensitively would read it as " + variant[1]);
    }
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
    if (a.size() > MAX_DESCRIPTORS) {
      throw invalid("the manifest lists " + a.size() + " " + field + "; this registry accepts at most "
          + MAX_DESCRIPTORS);
    }
    return a;
  }

  private static Map<String, String> annotations(JsonNode node, String where) throws RegistryException {
    JsonNode a = node.get("annotations");
    Map<String, String> out = new LinkedHashMap<>();
    if (a == null || a.isNull()) {
      return out;
    }
    if (!a.isObject()) {
      throw invalid(where + ": annotations must be an object");
    }
    for (Map.Entry<String, JsonNode> e : a.properties()) {
      if (!e.getValue().isTextual()) {
        throw invalid(where + ": annotation " + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static boolean present(JsonNode node, String field) {
    return node.hasNonNull(field);
  }

  private static String optionalString(JsonNode node, String field, String where) throws RegistryException {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw invalid(where + " must be a string");
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
