package dev.signet.sigstore.log.entries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JcsTest {
  private static String jcs(String json) throws Exception {
    return new String(Jcs.canonicalize(new ObjectMapper().readTree(json)), StandardCharsets.UTF_8);
  }

  @Test
  void sortsMembersByUtf16AndDropsWhitespace() throws Exception {
    assertEquals("{\"a\":[1,true,null],\"b\":{\"x\":\"y\"},\"\u20ac\":1,\"\ud83d\ude00\":2}",
        jcs("{ \"\ud83d\ude00\": 2, \"b\" : {\"x\":\"y\"}, \"\u20ac\": 1, \"a\": [1, true, null] }"));
    // U+20AC sorts before U+1F600 by UTF-16 code units (0x20AC < 0xD83D)
  }

  @Test
  void escapesLikeEcmaScript() throws Exception {
    assertEquals("{\"s\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u001f/\u00e9\"}", jcs("{\"s\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u001f\\/\\u00e9\"}"));
  }
}
