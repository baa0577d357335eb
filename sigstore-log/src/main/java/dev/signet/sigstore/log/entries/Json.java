package dev.signet.sigstore.log.entries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;

/** Field access with clear 400 messages (camelCase or snake_case names, as protojson accepts). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static JsonNode parse(byte[] body, String what) throws EntryException {
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new EntryException(what + " is not valid JSON");
    }
    if (n == null || !n.isObject()) {
      throw new EntryException(what + " is not a JSON object");
    }
    return n;
  }

  static JsonNode field(JsonNode parent, String camel) {
    if (parent == null || !parent.isObject()) {
      return null;
    }
    JsonNode v = parent.get(camel);
    if (v == null || v.isNull()) {
      v = parent.get(camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
    }
    return v == null || v.isNull() ? null : v;
  }

  static JsonNode object(JsonNode parent, String name, String where) throws EntryException {
    JsonNode v = field(parent, name);
    if (v == null || !v.isObject()) {
      throw new EntryException(where + "." + name + " is missing or not an object");
    }
    return v;
  }

  static String text(JsonNode parent, String name, String where) throws EntryException {
    JsonNode v = field(parent, name);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw new EntryException(where + "." + name + " is missing or not a string");
    }
    return v.textValue();
  }

  static byte[] base64(JsonNode parent, String name, String where) throws EntryException {
    String s = text(parent, name, where);
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      try {
        return Base64.getUrlDecoder().decode(s);
      } catch (IllegalArgumentException e2) {
        throw new EntryException(where + "." + name + " is not valid base64");
      }
    }
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
