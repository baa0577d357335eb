package dev.signet.registry.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * The key rule that keeps every client reading the same manifest: Go clients (containerd, podman,
 * go-containerregistry) match JSON object keys to struct fields case-insensitively — with Unicode simple
 * case folding, so {@code ſ} (U+017F) is {@code s} and {@code K} (U+212A) is {@code k} — and let the last
 * duplicate win. A manifest is therefore refused when a key of a known object (the document, a descriptor,
 * a platform) differs from a known field only in case; exact duplicates are refused by the parser.
 */
final class ManifestKeys {
  static final Set<String> DOCUMENT = Set.of("schemaVersion", "mediaType", "artifactType", "config", "layers",
      "manifests", "subject", "annotations");
  static final Set<String> DESCRIPTOR = Set.of("mediaType", "digest", "size", "urls", "annotations", "data",
      "artifactType", "platform");
  static final Set<String> PLATFORM = Set.of("architecture", "os", "os.version", "os.features", "variant",
      "features");

  private ManifestKeys() {}

  /** The first key of {@code object} that folds to a known field without being it, with that field. */
  static String[] caseVariant(JsonNode object, Set<String> known) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (known.contains(key)) {
        continue;
      }
      String folded = fold(key);
      for (String field : known) {
        if (fold(field).equals(folded)) {
          return new String[] {key, field};
        }
      }
    }
    return null;
  }

  /** Simple case folding, as Go's {@code strings.EqualFold} compares. */
  static String fold(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
    return out.toString();
  }
}
