package dev.signet.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimpleSigningPayloadTest {

  /** cosign:pkg/cosign/obsolete_test.go. */
  private static final String OBSOLETE_TEST =
      "{\"critical\":{\"identity\":{\"docker-reference\":\"index.docker.io/namespace/image\"},"
          + "\"image\":{\"docker-manifest-digest\":\"sha256:4aa3054270f7a70b4528f2064ee90961788e1e1518703592ae4463de3b889dec\"},"
          + "\"type\":\"cosign container image signature\"},\"optional\":null}";

  /** Signature vector S1 (cosign-formats.md §3.6), 248 bytes. */
  static final String S1 =
      "{\"critical\":{\"identity\":{\"docker-reference\":\"registry-testing.svc.lan/busybox\"},"
          + "\"image\":{\"docker-manifest-digest\":\"sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b\"},"
          + "\"type\":\"cosign container image signature\"},\"optional\":null}";

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void reproducesCosignObsoleteTestGoldenString() throws Exception {
    ImageReference ref = ImageReference.parse(
        "docker.io/namespace/image@sha256:4aa3054270f7a70b4528f2064ee90961788e1e1518703592ae4463de3b889dec");
    byte[] bytes = SimpleSigningPayload.forImage(ref.repository(), ref.digest().orElseThrow(), null).toJson();
    assertThat(text(bytes)).isEqualTo(OBSOLETE_TEST);
  }

  @Test
  void reproducesS1PayloadOf248Bytes() throws Exception {
    byte[] bytes = SimpleSigningPayload.forImage(
            Repository.parse("registry-testing.svc.lan/busybox"),
            Digest.parse("sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b"),
            Map.of())
        .toJson();
    assertThat(bytes).hasSize(248);
    assertThat(text(bytes)).isEqualTo(S1);
    assertThat(Digest.sha256(bytes).toString())
        .isEqualTo("sha256:3af4414d20c9e1cb76ccc72aae8b242166dabe6af531a4a790db8e2f0e5ee7c9");
  }

  @Test
  void annotationsAreSortedStringsWithGoEscaping() throws Exception {
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put("z", "a=b");
    ann.put("a", "<&>");
    byte[] bytes = SimpleSigningPayload.of("localhost:5000/foo", digest('1'), ann).toJson();
    assertThat(text(bytes)).endsWith(
        "\"type\":\"cosign container image signature\"},\"optional\":{\"a\":\"\\u003c\\u0026\\u003e\",\"z\":\"a=b\"}}");
  }

  @Test
  void parsesCaseInsensitiveFieldNamesOfOldPayloads() throws Exception {
    String old = "{\"Critical\":{\"Identity\":{\"docker-reference\":\"testing/manifest\"},"
        + "\"Image\":{\"Docker-manifest-digest\":\"" + digest('2') + "\"},\"Type\":\"cosign container image signature\"},"
        + "\"Optional\":{\"creator\":\"atomic\",\"timestamp\":1458239713}}";
    SimpleSigningPayload p = SimpleSigningPayload.parse(old.getBytes(StandardCharsets.UTF_8));
    assertThat(p.dockerReference()).isEqualTo("testing/manifest");
    assertThat(p.manifestDigest()).isEqualTo(digest('2').toString());
    assertThat(p.type()).isEqualTo(SimpleSigningPayload.COSIGN_TYPE);
    assertThat(p.optional()).containsEntry("creator", "atomic").containsKey("timestamp");
    assertThat(p.annotations()).containsExactly(Map.entry("creator", "atomic"));
    assertThat(p.checkClaims(digest('2'), Map.of("creator", "atomic")).passed()).isTrue();
  }

  @Test
  void lastCaseInsensitiveDuplicateWinsLikeGo() throws Exception {
    String json = "{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + digest('3')
        + "\",\"DOCKER-MANIFEST-DIGEST\":\"" + digest('4') + "\"}}}";
    assertThat(SimpleSigningPayload.parse(json.getBytes(StandardCharsets.UTF_8)).manifestDigest())
        .isEqualTo(digest('4').toString());
  }

  @Test
  void parseRoundTripsBuiltPayload() throws Exception {
    SimpleSigningPayload built = SimpleSigningPayload.of("r/x", digest('5'), Map.of("k", "v"));
    SimpleSigningPayload parsed = SimpleSigningPayload.parse(built.toJson());
    assertThat(parsed).isEqualTo(built);
    assertThat(parsed.toJson()).isEqualTo(built.toJson());
  }

  @Test
  void claimsRequireExactDigestAndStringAnnotations() throws Exception {
    String json = "{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + digest('6')
        + "\"}},\"optional\":{\"n\":1,\"s\":\"x\"}}";
    SimpleSigningPayload p = SimpleSigningPayload.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(p.checkClaims(digest('6'), null).passed()).isTrue();
    assertThat(p.checkClaims(digest('6'), Map.of()).passed()).isTrue();
    assertThat(p.checkClaims(digest('7'), null).passed()).isFalse();
    assertThat(p.checkClaims(digest('6'), Map.of("s", "x")).passed()).isTrue();
    assertThat(p.checkClaims(digest('6'), Map.of("s", "y")).reason()).contains("annotation: s");
    assertThat(p.checkClaims(digest('6'), Map.of("n", "1")).passed()).isFalse();
    assertThat(p.checkClaims(digest('6'), Map.of("missing", "1")).passed()).isFalse();
  }

  @Test
  void dockerReferenceIsNotPartOfClaims() throws Exception {
    SimpleSigningPayload p = SimpleSigningPayload.of("some/other", digest('8'), null);
    assertThat(p.checkClaims(digest('8'), null).passed()).isTrue();
  }

  @Test
  void rejectsWrongTypesAndNonJson() {
    assertThatThrownBy(() -> SimpleSigningPayload.parse("{\"critical\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PayloadFormatException.class);
    assertThatThrownBy(() -> SimpleSigningPayload.parse(
            "{\"critical\":{\"image\":{\"docker-manifest-digest\":5}}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PayloadFormatException.class);
    assertThatThrownBy(() -> SimpleSigningPayload.parse("{\"optional\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PayloadFormatException.class);
    assertThatThrownBy(() -> SimpleSigningPayload.parse("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PayloadFormatException.class);
    assertThatThrownBy(() -> SimpleSigningPayload.parse("{} {}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PayloadFormatException.class);
  }

  static Digest digest(char c) {
    return new Digest("sha256", String.valueOf(c).repeat(64));
  }
}
