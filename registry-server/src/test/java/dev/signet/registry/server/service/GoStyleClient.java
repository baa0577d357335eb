package dev.signet.registry.server.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * A model of how Go clients (go-containerregistry, containerd, podman) read a manifest and what they run.
 * Decoding follows {@code encoding/json} into structs: an object key selects the field with that exact
 * name, else the field whose name equals it under Unicode simple case folding; a later key overwrites an
 * earlier one (last wins); unknown keys are ignored; {@code null} leaves the zero value. Running follows the
 * most permissive runtime: every layer blob is decompressed when it is gzip and applied as a tar archive,
 * whatever the descriptor's media type says, so an image runs code exactly when some layer is a tar archive.
 * Test code only: it models other people's clients and is not the registry's parser.
 */
final class GoStyleClient {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** A decoded descriptor (digest only matters here). */
  record Descriptor(String mediaType, String digest) {}

  /** What a Go client decoded: zero values for fields it did not find. */
  record Manifest(Descriptor config, List<Descriptor> layers, Descriptor subject) {}

  private GoStyleClient() {}

  /** Decodes like {@code json.Unmarshal} into an OCI manifest struct; empty when Go would fail. */
  static Optional<Manifest> decode(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      Descriptor config = new Descriptor("", "");
      List<Descriptor> layers = List.of();
      Descriptor subject = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = field(p.currentName(), List.of("schemaVersion", "mediaType", "artifactType", "config",
            "layers", "subject", "annotations", "manifests"));
        JsonToken t = p.nextToken();
        if ("config".equals(field)) {
          config = t == JsonToken.VALUE_NULL ? config : descriptor(p);
        } else if ("layers".equals(field)) {
          layers = t == JsonToken.VALUE_NULL ? List.of() : descriptors(p);
        } else if ("subject".equals(field)) {
          subject = t == JsonToken.VALUE_NULL ? null : descriptor(p);
        } else {
          p.skipChildren();
        }
      }
      return p.nextToken() == null ? Optional.of(new Manifest(config, layers, subject)) : Optional.empty();
    } catch (IOException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** True when a Go runtime would build a file system with content from {@code m}'s layers. */
  static boolean runs(Manifest m, Function<String, byte[]> blobs) {
    for (Descriptor l : m.layers()) {
      byte[] content = blobs.apply(l.digest());
      if (content != null && isArchive(content)) {
        return true;
      }
    }
    return false;
  }

  private static String field(String key, List<String> fields) {
    for (String f : fields) {
      if (f.equals(key)) {
        return f;
      }
    }
    for (String f : fields) {
      if (ManifestKeys.fold(f).equals(ManifestKeys.fold(key))) {
        return f;
      }
    }
    return null;
  }

  private static Descriptor descriptor(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalStateException("not an object");
    }
    String mediaType = "";
    String digest = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = field(p.currentName(), List.of("mediaType", "digest", "size", "urls", "annotations", "data",
          "artifactType", "platform"));
      JsonToken t = p.nextToken();
      if ("mediaType".equals(field) && t == JsonToken.VALUE_STRING) {
        mediaType = p.getText();
      } else if ("digest".equals(field) && t == JsonToken.VALUE_STRING) {
        digest = p.getText();
      } else if (("mediaType".equals(field) || "digest".equals(field)) && t != JsonToken.VALUE_NULL) {
        throw new IllegalStateException("string expected");
      } else {
        p.skipChildren();
      }
    }
    return new Descriptor(mediaType, digest);
  }

  private static List<Descriptor> descriptors(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new IllegalStateException("not an array");
    }
    List<Descriptor> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(descriptor(p));
    }
    return out;
  }

  /** gzip is decompressed; then the first block must be a tar header with a valid checksum. */
  static boolean isArchive(byte[] content) {
    byte[] data = content;
    if (data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
        data = in.readNBytes(512);
      } catch (IOException e) {
        return false;
      }
    }
    if (data.length < 512) {
      return false;
    }
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= 148 && i < 156 ? ' ' : data[i] & 0xff;
    }
    String field = new String(data, 148, 8, java.nio.charset.StandardCharsets.US_ASCII).replace('\0', ' ').trim();
    try {
      return !field.isEmpty() && Long.parseLong(field, 8) == sum;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
