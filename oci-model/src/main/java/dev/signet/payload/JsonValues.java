package dev.signet.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.signet.oci.internal.GoJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading helpers that mirror Go's {@code encoding/json} decoding rules. */
final class JsonValues {
  private static final ObjectReader READER =
      GoJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonValues() {}

  static JsonNode readObject(byte[] json, String what) throws PayloadFormatException {
    JsonNode node;
    try {
      node = READER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PayloadFormatException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new PayloadFormatException(what + " is not valid JSON: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new PayloadFormatException(what + " is not a JSON object");
    }
    return node;
  }

  /**
   * The value of {@code name} in an object, matched like Go: exact or case-insensitive, the last
   * matching key wins. JSON {@code null} counts as absent (Go leaves the field at its zero value).
   */
  static JsonNode field(JsonNode object, String name) {
    JsonNode found = null;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        found = e.getValue();
      }
    }
    return found == null || found.isNull() ? null : found;
  }

  static JsonNode object(JsonNode parent, String name, String where) throws PayloadFormatException {
    JsonNode v = field(parent, name);
    if (v != null && !v.isObject()) {
      throw new PayloadFormatException(where + "." + name + " must be a JSON object");
    }
    return v;
  }

  static String string(JsonNode parent, String name, String where) throws PayloadFormatException {
    JsonNode v = field(parent, name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw new PayloadFormatException(where + "." + name + " must be a string");
    }
    return v.textValue();
  }

  /** A map of string values (Go {@code map[string]string}); other value types are an error. */
  static Map<String, String> stringMap(JsonNode node, String where) throws PayloadFormatException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new PayloadFormatException(where + " must be a JSON object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new PayloadFormatException(where + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /** Deep, unmodifiable Java view of a JSON value: maps, lists, strings, numbers, booleans, null. */
  static Object toJava(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      node.properties().forEach(e -> out.put(e.getKey(), toJava(e.getValue())));
      return Collections.unmodifiableMap(out);
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.forEach(n -> out.add(toJava(n)));
      return Collections.unmodifiableList(out);
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.numberValue();
  }

  /**
   * The first required key that {@code actual} lacks or holds with a different value (values must be
   * JSON strings, as cosign compares {@code -a} strings with {@code !=}), or null when all match.
   */
  static String missingAnnotation(Map<String, ?> actual, Map<String, String> required) {
    if (required == null) {
      return null;
    }
    for (Map.Entry<String, String> e : required.entrySet()) {
      Object have = actual == null ? null : actual.get(e.getKey());
      if (!(have instanceof String s) || !s.equals(e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }
}
