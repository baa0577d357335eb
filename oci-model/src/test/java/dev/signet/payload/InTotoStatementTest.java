package dev.signet.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.testsupport.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InTotoStatementTest {

  private static final Digest D = new Digest("sha256", "ab".repeat(32));

  @Test
  void cosignSignStatementBytes() {
    String json = new String(InTotoStatement.forCosignSign(D, null).toJson(), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
        + D.hex() + "\"}}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\",\"predicate\":{}}");
  }

  @Test
  void cosignSignStatementCarriesAnnotationsOnTheSubject() throws Exception {
    InTotoStatement st = InTotoStatement.forCosignSign(D, Map.of("b", "2", "a", "1"));
    assertThat(new String(st.toJson(), StandardCharsets.UTF_8))
        .contains("\"subject\":[{\"digest\":{\"sha256\":\"" + D.hex() + "\"},\"annotations\":{\"a\":\"1\",\"b\":\"2\"}}]");
    InTotoStatement back = InTotoStatement.parse(st.toJson());
    assertThat(back).isEqualTo(st);
    assertThat(back.checkSubject(D, Map.of("a", "1")).passed()).isTrue();
    assertThat(back.checkSubject(D, Map.of("a", "2")).passed()).isFalse();
    assertThat(back.checkSubject(D, null).passed()).isTrue();
  }

  @Test
  void readsV01WithNamesAndArbitraryPredicates() throws Exception {
    String json = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"p\",\"subject\":[{\"name\":\"n\","
        + "\"digest\":{\"sha256\":\"" + D.hex() + "\",\"sha512\":\"x\"}}],\"predicate\":{\"b\":[1,2],\"a\":\"<\"}}";
    InTotoStatement st = InTotoStatement.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(st.type()).isEqualTo(InTotoStatement.TYPE_V01);
    assertThat(st.subjects()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("n");
      assertThat(s.digest()).containsEntry("sha256", D.hex());
    });
    assertThat(st.predicateJson()).isEqualTo("{\"b\":[1,2],\"a\":\"\\u003c\"}");
  }

  @Test
  void subjectCheckNeedsMatchingDigest() {
    InTotoStatement st = new InTotoStatement(InTotoStatement.TYPE_V1,
        List.of(new InTotoStatement.Subject("x", Map.of("sha512", "00"), null),
            new InTotoStatement.Subject(null, Map.of("sha256", D.hex()), null)), "p", "{}");
    assertThat(st.checkSubject(D, null).passed()).isTrue();
    assertThat(st.checkSubject(new Digest("sha256", "cd".repeat(32)), null).reason()).contains("no matching subject");
  }

  @Test
  void envelopeWithOtherPayloadTypeFails() {
    DsseEnvelope env = new DsseEnvelope("application/json", InTotoStatement.forCosignSign(D, null).toJson(), List.of());
    assertThat(InTotoStatement.checkEnvelope(env, D, null).reason()).contains("invalid payloadType");
  }

  /** cosign {@code Test_IntotoSubjectClaimVerifier} via vectors/cosign/intoto-claims/cases.json. */
  @Test
  void cosignIntotoClaimVectors() throws Exception {
    JsonNode cases = new ObjectMapper().readTree(Vectors.read("cosign/intoto-claims/cases.json"));
    JsonNode st = cases.get("statements");
    JsonNode dg = cases.get("digests");
    assertThat(claim(st, "validIntotoStatement", dg.get("validDigest").asText())).isTrue();
    assertThat(claim(st, "validIntotoStatementStringPredicate", dg.get("validDigestStringPredicate").asText())).isTrue();
    assertThat(claim(st, "validIntotoStatement", dg.get("validDigestStringPredicate").asText())).isFalse();
    assertThat(claim(st, "validIntotoStatement", dg.get("invalidDigest").asText())).isFalse();
    assertThat(claim(st, "invalidIntotoStatementBadEncoding", dg.get("validDigest").asText())).isFalse();
    assertThat(claim(st, "validIntotoStatementMissingSubject", dg.get("validDigest").asText())).isFalse();
    assertThat(claim(st, "intotoStatementNullSubject", dg.get("validDigest").asText())).isFalse();
    // the bad-encoding vector fails at base64, not later
    byte[] bad = st.get("invalidIntotoStatementBadEncoding").asText().getBytes(StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DsseEnvelope.parse(bad))
        .isInstanceOf(PayloadFormatException.class).hasMessageContaining("base64");
  }

  private static boolean claim(JsonNode statements, String name, String hex) {
    Digest digest;
    try {
      digest = Digest.parse("sha256:" + hex);
    } catch (InvalidDigestException e) {
      return false; // cosign compares strings; a non-hex digest can never match a subject
    }
    try {
      DsseEnvelope env = DsseEnvelope.parse(statements.get(name).asText().getBytes(StandardCharsets.UTF_8));
      return InTotoStatement.checkEnvelope(env, digest, null).passed();
    } catch (PayloadFormatException e) {
      return false;
    }
  }
}
