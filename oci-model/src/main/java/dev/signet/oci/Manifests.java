package dev.signet.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.oci.internal.Json;
import java.io.IOException;

/** Parses and serialises manifests and indexes. */
public final class Manifests {
  private Manifests() {}

  /** The media type declared in the document, or null if it has none. */
  public static String declaredMediaType(byte[] json) throws ManifestFormatException {
    JsonNode node = tree(json);
    JsonNode mt = node.get("mediaType");
    return mt == null || !mt.isTextual() ? null : mt.asText();
  }

  /** True when the document is an index (by media type, or by having {@code manifests}). */
  public static boolean isIndex(byte[] json) throws ManifestFormatException {
    JsonNode node = tree(json);
    JsonNode mt = node.get("mediaType");
    if (mt != null && mt.isTextual()) {
      return MediaTypes.isIndex(mt.asText());
    }
    return node.has("manifests");
  }

  public static ImageManifest parseManifest(byte[] json) throws ManifestFormatException {
    try {
      return Json.MAPPER.readValue(json, ImageManifest.class);
    } catch (IOException e) {
      throw new ManifestFormatException("malformed image manifest: " + firstLine(e), e);
    }
  }

  public static ImageIndex parseIndex(byte[] json) throws ManifestFormatException {
    try {
      return Json.MAPPER.readValue(json, ImageIndex.class);
    } catch (IOException e) {
      throw new ManifestFormatException("malformed image index: " + firstLine(e), e);
    }
  }

  /** Compact JSON in the field order of the records (go-containerregistry's order). */
  public static byte[] toJson(Object manifestOrIndex) {
    return Json.write(manifestOrIndex);
  }

  private static JsonNode tree(byte[] json) throws ManifestFormatException {
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      if (node == null || !node.isObject()) {
        throw new ManifestFormatException("manifest is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ManifestFormatException("malformed manifest JSON: " + firstLine(e), e);
    } catch (IOException e) {
      throw new ManifestFormatException("malformed manifest JSON: " + firstLine(e), e);
    }
  }

  private static String firstLine(IOException e) {
    String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
