package dev.signet.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonTest {

  private static String go(Object value) {
    return new String(GoJson.write(value), StandardCharsets.UTF_8);
  }

  @Test
  void escapesHtmlCharactersLikeGo() {
    assertThat(go("a<b>c&d")).isEqualTo("\"a\\u003cb\\u003ec\\u0026d\"");
  }

  @Test
  void escapesLineAndParagraphSeparators() {
    assertThat(go("x\u2028y\u2029z")).isEqualTo("\"x\\u2028y\\u2029z\"");
  }

  @Test
  void controlCharactersUseShortFormsOrLowerCaseHex() {
    assertThat(go("\n\r\t\b\f\u0001\u001f\"\\"))
        .isEqualTo("\"\\n\\r\\t\\b\\f\\u0001\\u001f\\\"\\\\\"");
  }

  @Test
  void nonAsciiIsRawUtf8IncludingSupplementaryCharacters() {
    byte[] out = GoJson.write("é\uD83D\uDE00/\u007f");
    assertThat(out).isEqualTo("\"é\uD83D\uDE00/\u007f\"".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacter() {
    assertThat(go("a\uD800b\uDC00")).isEqualTo("\"a\uFFFDb\uFFFD\"");
  }

  @Test
  void treesAreSanitisedAndEscapedToo() {
    com.fasterxml.jackson.databind.node.ObjectNode node = GoJson.MAPPER.createObjectNode();
    node.put("k\uDC00", "a\uD800<");
    assertThat(go(node)).isEqualTo("{\"k\uFFFD\":\"a\uFFFD\\u003c\"}");
  }

  @Test
  void mapKeysAreSortedByUtf8ByteOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("\uFF21", 2); // U+FF21: UTF-8 EF BC A1
    m.put("\uD83D\uDE00", 3); // U+1F600: UTF-8 F0 9F 98 80 sorts after U+FF21 (UTF-16 would not)
    m.put("a", null);
    m.put("A", "<");
    assertThat(go(m)).isEqualTo("{\"A\":\"\\u003c\",\"a\":null,\"b\":1,\"\uFF21\":2,\"\uD83D\uDE00\":3}");
  }

  @Test
  void mapKeysAreEscapedToo() {
    Map<String, String> m = new HashMap<>();
    m.put("k&<", "v");
    assertThat(go(m)).isEqualTo("{\"k\\u0026\\u003c\":\"v\"}");
  }

  @JsonPropertyOrder({"zeta", "alpha", "list", "nested"})
  record Ordered(String zeta, int alpha, List<String> list, Map<String, String> nested) {}

  @Test
  void recordsFollowDeclaredOrderAndOutputIsCompactWithoutNewline() {
    String out = go(new Ordered("z", 1, List.of("<", "b"), Map.of("y", "1", "x", "2")));
    assertThat(out)
        .isEqualTo("{\"zeta\":\"z\",\"alpha\":1,\"list\":[\"\\u003c\",\"b\"],\"nested\":{\"x\":\"2\",\"y\":\"1\"}}");
    assertThat(out).doesNotEndWith("\n");
  }

  @Test
  void sharedManifestMapperUsesTheSameRules() {
    assertThat(new String(Json.write(Map.of("k", "&")), StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"\\u0026\"}");
  }

  @Test
  void compareGoOrdersByCodePoint() {
    String[] keys = {"\uD83D\uDE00", "\uFF21", "a", "B"};
    Arrays.sort(keys, GoJson::compareGo);
    assertThat(keys).containsExactly("B", "a", "\uFF21", "\uD83D\uDE00");
    assertThat(GoJson.compareGo("ab", "a")).isPositive();
  }
}
