package dev.signet.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DsseEnvelopeTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void paeMatchesTheDsseSpecificationExample() {
    assertThat(new String(DsseEnvelope.pae("http://example.com/HelloWorld", utf8("hello world")), StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void paeCountsBytesNotCharacters() {
    byte[] pae = DsseEnvelope.pae("t\u00e9", utf8("\u00e9\u00e9"));
    assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 3 t\u00e9 4 \u00e9\u00e9");
    assertThat(DsseEnvelope.pae("", new byte[0])).isEqualTo(utf8("DSSEv1 0  0 "));
  }

  @Test
  void readsBothFieldOrdersToTheSameEnvelope() throws Exception {
    String legacy = "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\","
        + "\"signatures\":[{\"keyid\":\"\",\"sig\":\"AQID\"}]}";
    String proto = "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"AQID\"}]}";
    DsseEnvelope a = DsseEnvelope.parse(utf8(legacy));
    DsseEnvelope b = DsseEnvelope.parse(utf8(proto));
    assertThat(a.payload()).isEqualTo(utf8("{}"));
    assertThat(a.signatures()).hasSize(1);
    assertThat(a.signatures().get(0).sig()).containsExactly(1, 2, 3);
    assertThat(a.pae()).isEqualTo(b.pae());
    assertThat(new String(b.toJson(), StandardCharsets.UTF_8)).isEqualTo(proto);
    assertThat(new String(a.toLegacyJson(), StandardCharsets.UTF_8)).isEqualTo(legacy);
  }

  @Test
  void writesKeyidOnlyWhenSetInProtoLayout() {
    DsseEnvelope e = new DsseEnvelope("t", utf8("x"), List.of(new DsseEnvelope.Signature("k1", new byte[] {9})));
    assertThat(new String(e.toJson(), StandardCharsets.UTF_8))
        .isEqualTo("{\"payload\":\"eA==\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"CQ==\",\"keyid\":\"k1\"}]}");
  }

  @Test
  void acceptsUrlSafeAndUnpaddedBase64ButRejectsBadPadding() throws Exception {
    DsseEnvelope e = DsseEnvelope.parse(utf8("{\"payloadType\":\"t\",\"payload\":\"-_8\",\"signatures\":[]}"));
    assertThat(e.payload()).containsExactly(0xfb, 0xff);
    assertThatThrownBy(() -> DsseEnvelope.parse(utf8("{\"payloadType\":\"t\",\"payload\":\"e30\",\"signatures\":[{\"sig\":\"AQI=Q\"}]}")))
        .isInstanceOf(PayloadFormatException.class);
    assertThatThrownBy(() -> DsseEnvelope.parse(utf8("{\"payloadType\":\"t\",\"payload\":\"e3=\"}")))
        .isInstanceOf(PayloadFormatException.class);
  }

  @Test
  void rejectsMissingFields() {
    assertThatThrownBy(() -> DsseEnvelope.parse(utf8("{\"payload\":\"e30=\"}"))).isInstanceOf(PayloadFormatException.class);
    assertThatThrownBy(() -> DsseEnvelope.parse(utf8("{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[{}]}")))
        .isInstanceOf(PayloadFormatException.class);
  }

  @Test
  void isAValueAndDefensivelyCopied() {
    byte[] payload = utf8("p");
    DsseEnvelope e = new DsseEnvelope("t", payload, List.of());
    payload[0] = 'q';
    assertThat(e.payload()).isEqualTo(utf8("p"));
    e.payload()[0] = 'z';
    assertThat(e).isEqualTo(new DsseEnvelope("t", utf8("p"), List.of()));
  }
}
