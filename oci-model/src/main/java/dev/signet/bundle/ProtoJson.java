package dev.signet.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.oci.internal.Base64s;
import dev.signet.oci.internal.GoJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reading helpers for protojson documents: lowerCamelCase or original snake_case names. */
final class ProtoJson {
  private ProtoJson() {}

  static JsonNode readObject(byte[] json) throws BundleFormatException {
    JsonNode node;
    try {
      node = GoJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BundleFormatException("bundle is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BundleFormatException("bundle is not valid JSON: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new BundleFormatException("bundle is not a JSON object");
    }
    return node;
  }

  /** The member under its JSON name or its proto name; JSON null counts as absent. */
  static JsonNode get(JsonNode object, String jsonName) {
    JsonNode v = object.get(jsonName);
    if (v == null || v.isNull()) {
      v = object.get(snake(jsonName));
    }
    return v == null || v.isNull() ? null : v;
  }

  static JsonNode object(JsonNode parent, String name) throws BundleFormatException {
    JsonNode v = get(parent, name);
    if (v != null && !v.isObject()) {
      throw new BundleFormatException(name + " must be a JSON object");
    }
    return v;
  }

  static String string(JsonNode parent, String name) throws BundleFormatException {
    JsonNode v = get(parent, name);
    if (v != null && !v.isTextual()) {
      throw new BundleFormatException(name + " must be a string");
    }
    return v == null ? null : v.textValue();
  }

  static byte[] bytes(JsonNode parent, String name) throws BundleFormatException {
    String s = string(parent, name);
    if (s == null) {
      return new byte[0]; // protojson: absent bytes field is empty
    }
    try {
      return Base64s.decodeLenient(s);
    } catch (IllegalArgumentException e) {
      throw new BundleFormatException(name + " is not valid base64", e);
    }
  }

  static String compact(JsonNode node) {
    return new String(GoJson.write(node), StandardCharsets.UTF_8);
  }

  static JsonNode tree(String compactJson) {
    try {
      return GoJson.MAPPER.readTree(compactJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON no longer parses", e);
    }
  }

  private static String snake(String camel) {
    StringBuilder b = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('_').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
