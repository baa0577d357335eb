package dev.signet.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String canonical(String json) throws Exception {
    return new String(CanonicalJson.encode(JSON.readTree(json)), StandardCharsets.UTF_8);
  }

  @Test
  void sortsKeysDropsWhitespaceAndEscapesOnlyQuoteAndBackslash() throws Exception {
    assertThat(canonical("{ \"b\" : 1, \"a\" : [ true, null, \"x\\\"y\\\\z\\n\" ], \"A\" : { } }"))
        .isEqualTo("{\"A\":{},\"a\":[true,null,\"x\\\"y\\\\z\n\"],\"b\":1}");
  }

  @Test
  void writesNonAsciiAsUtf8AndSortsByCodePoint() throws Exception {
    // U+FFFF sorts before U+1F600 by code point, after it by UTF-16 unit (0xD83D).
    String out = canonical("{\"\\ud83d\\ude00\":1,\"\\uffff\":2,\"\\u00e9\":\"\\u00fc\"}");
    assertThat(out).isEqualTo("{\"\u00e9\":\"\u00fc\",\"\uffff\":2,\"\ud83d\ude00\":1}");
    assertThat(CanonicalJson.encode(JSON.readTree("\"\u00e9\""))).containsExactly(0x22, 0xc3, 0xa9, 0x22);
  }

  @Test
  void keepsLargeIntegersExactly() throws Exception {
    assertThat(canonical("{\"length\":12345678901234567890}")).isEqualTo("{\"length\":12345678901234567890}");
  }

  @Test
  void refusesFloatingPointNumbers() {
    assertThatThrownBy(() -> canonical("{\"a\":1.5}"))
        .isInstanceOf(TufException.class)
        .hasMessage("canonical JSON has no floating-point numbers: 1.5");
  }

  @Test
  void aTufKeyObjectHasTheFormSecuresystemslibHashesForKeyIds() throws Exception {
    assertThat(canonical("{\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"ab\"},\"keytype\":\"ed25519\"}"))
        .isEqualTo("{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"ab\"},\"scheme\":\"ed25519\"}");
  }
}
