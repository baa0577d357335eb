package dev.signet.oci.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON output byte-identical to Go's {@code encoding/json} {@code Marshal}: compact, properties in
 * declaration order (records use {@code @JsonPropertyOrder}), map keys sorted by UTF-8 byte order,
 * {@code < > &} written as backslash-u escapes ({@code u003c}, {@code u003e}, {@code u0026}), U+2028 and
 * U+2029 escaped likewise, other control characters as {@code \n \r \t \b \f} or lower-case
 * backslash-u00XX, non-ASCII as raw UTF-8, unpaired surrogates (Java's analogue of invalid UTF-8)
 * replaced by U+FFFD, and no trailing newline. Go 1.22+ writes {@code \b} and {@code \f} short forms.
 */
public final class GoJson {

  /** Go's string escapes, shared with {@link Json#MAPPER}. */
  public static final CharacterEscapes ESCAPES = new GoEscapes();

  public static final ObjectMapper MAPPER = newMapper();

  private GoJson() {}

  /** A fresh mapper with Go's output rules; reading ignores unknown properties. */
  public static JsonMapper newMapper() {
    SimpleModule module = new SimpleModule("go-json");
    module.addSerializer(String.class, new GoStringSerializer());
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Map<?, ?>> mapClass = (Class) Map.class;
    module.addSerializer(mapClass, new GoMapSerializer());
    JsonFactory factory = new JsonFactoryBuilder().characterEscapes(ESCAPES).build();
    return JsonMapper.builder(factory)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(JsonWriteFeature.WRITE_HEX_UPPER_CASE, false)
        .configure(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8, true)
        .addModule(module)
        .build();
  }

  /** Serialises with Go's rules (POJOs, records, maps and {@code JsonNode} trees alike). */
  public static byte[] write(Object value) {
    return write(MAPPER, value);
  }

  /**
   * Serialises through a generator that sanitises every string and field name, so that trees
   * ({@code JsonNode}), which bypass registered serializers, get Go's U+FFFD rule too.
   */
  static byte[] write(ObjectMapper mapper, Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new SanitizingGenerator(mapper.getFactory().createGenerator(out))) {
      mapper.writeValue(g, value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
    return out.toByteArray();
  }

  /** Replaces unpaired surrogates with U+FFFD, as Go replaces invalid UTF-8. */
  public static String sanitize(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(s.length()).append(s, 0, i);
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** Orders strings as Go's {@code strings.Compare} does: by UTF-8 bytes, i.e. by code point. */
  public static int compareGo(String a, String b) {
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

  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    GoEscapes() {
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
      for (int c = 0; c < 0x20; c++) {
        ascii[c] = ESCAPE_CUSTOM;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      switch (ch) {
        case '\n':
          return new SerializedString("\\n");
        case '\r':
          return new SerializedString("\\r");
        case '\t':
          return new SerializedString("\\t");
        case '\b':
          return new SerializedString("\\b");
        case '\f':
          return new SerializedString("\\f");
        default:
          if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
            return new SerializedString(String.format("\\u%04x", ch));
          }
          return null;
      }
    }
  }

  private static final class SanitizingGenerator extends JsonGeneratorDelegate {
    SanitizingGenerator(JsonGenerator d) {
      super(d, false);
    }

    @Override
    public void writeString(String text) throws IOException {
      delegate.writeString(text == null ? null : sanitize(text));
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
      delegate.writeString(sanitize(new String(text, offset, len)));
    }

    @Override
    public void writeFieldName(String name) throws IOException {
      delegate.writeFieldName(sanitize(name));
    }
  }

  private static final class GoStringSerializer extends JsonSerializer<String> {
    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(sanitize(value));
    }
  }

  private static final class GoMapSerializer extends JsonSerializer<Map<?, ?>> {
    @Override
    public void serialize(Map<?, ?> map, JsonGenerator gen, SerializerProvider provider) throws IOException {
      List<Map.Entry<String, Object>> entries = new ArrayList<>(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        entries.add(Map.entry(sanitize(String.valueOf(e.getKey())), nullSafe(e.getValue())));
      }
      entries.sort((x, y) -> compareGo(x.getKey(), y.getKey()));
      gen.writeStartObject(map);
      for (Map.Entry<String, Object> e : entries) {
        gen.writeFieldName(e.getKey());
        Object v = e.getValue();
        if (v == NULL) {
          gen.writeNull();
        } else {
          provider.defaultSerializeValue(v, gen);
        }
      }
      gen.writeEndObject();
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Map<?, ?> value) {
      return value == null || value.isEmpty();
    }

    private static final Object NULL = new Object();

    private static Object nullSafe(Object v) {
      return v == null ? NULL : v;
    }
  }
}
