package dev.signet.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON form that TUF signs (the OLPC form as written by securesystemslib): object keys
 * sorted by code point, no insignificant whitespace, strings with only {@code \} and {@code "}
 * escaped and every other character written as UTF-8, integers only (a fraction or exponent is an
 * error).
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical bytes of {@code node}. */
  public static byte[] encode(JsonNode node) throws TufException {
    StringBuilder sb = new StringBuilder();
    write(node, sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder sb) throws TufException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          fields.add(it.next());
        }
        fields.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
        sb.append('{');
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          string(fields.get(i).getKey(), sb);
          sb.append(':');
          write(fields.get(i).getValue(), sb);
        }
        sb.append('}');
      }
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(node.get(i), sb);
        }
        sb.append(']');
      }
      case STRING -> string(node.textValue(), sb);
      case NUMBER -> {
        if (!node.isIntegralNumber()) {
          throw new TufException("canonical JSON has no floating-point numbers: " + node);
        }
        sb.append(node.bigIntegerValue().toString());
      }
      case BOOLEAN -> sb.append(node.booleanValue() ? "true" : "false");
      case NULL -> sb.append("null");
      default -> throw new TufException("canonical JSON cannot encode a " + node.getNodeType() + " value");
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  /** Orders strings by Unicode code point, as Python's {@code sorted} does (not by UTF-16 unit). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
