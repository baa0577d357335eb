package dev.signet.sigstore.log.entries;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON canonicalization for the documents a log stores (objects, arrays, strings, integers,
 * booleans, null): members sorted by UTF-16 code units, no whitespace, ECMAScript string escaping.
 */
public final class Jcs {
  private Jcs() {}

  public static byte[] canonicalize(JsonNode node) {
    StringBuilder b = new StringBuilder();
    write(node, b);
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode n, StringBuilder b) {
    if (n.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(n.properties());
      fields.sort(Map.Entry.comparingByKey());
      b.append('{');
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        string(fields.get(i).getKey(), b);
        b.append(':');
        write(fields.get(i).getValue(), b);
      }
      b.append('}');
    } else if (n.isArray()) {
      b.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        write(n.get(i), b);
      }
      b.append(']');
    } else if (n.isTextual()) {
      string(n.textValue(), b);
    } else if (n.isIntegralNumber()) {
      b.append(n.bigIntegerValue());
    } else if (n.isBoolean() || n.isNull()) {
      b.append(n.asText());
    } else {
      throw new IllegalArgumentException("JCS of " + n.getNodeType() + " is not supported here");
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
