package dev.signet.sign.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Digest;
import dev.signet.payload.InTotoStatement;
import dev.signet.sign.SigningException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Golden statements for each {@code --type} family, and cosign's rejections. */
class AttestationStatementsTest {
  private static final Digest DIGEST = new Digest("sha256", "ab".repeat(32));
  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05.678Z");

  private static String statement(String type, String predicate) throws SigningException {
    InTotoStatement s = AttestationStatements.generate(type, predicate.getBytes(StandardCharsets.UTF_8),
        "127.0.0.1:5000/app", DIGEST, NOW);
    return new String(s.toJson(), StandardCharsets.UTF_8);
  }

  @Test
  void customWrapsTheFileAsDataWithATimestamp() throws Exception {
    assertThat(statement("custom", "hello <world>\n")).isEqualTo(
        "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[{\"name\":\"127.0.0.1:5000/app\",\"digest\":"
            + "{\"sha256\":\"" + DIGEST.hex() + "\"}}],\"predicateType\":\"https://cosign.sigstore.dev/attestation/v1\","
            + "\"predicate\":{\"Data\":\"hello \\u003cworld\\u003e\\n\",\"Timestamp\":\"2025-01-02T03:04:05Z\"}}");
    // The custom URI itself is wrapped the same way (cosign compares the resolved type).
    assertThat(statement("https://cosign.sigstore.dev/attestation/v1", "x")).contains("\"predicate\":{\"Data\":\"x\"");
  }

  @Test
  void jsonPredicatesAreCompactWithSortedKeys() throws Exception {
    assertThat(statement("cyclonedx", "{ \"specVersion\": \"1.5\",\n \"bomFormat\": \"CycloneDX\" }"))
        .endsWith("\"predicateType\":\"https://cyclonedx.org/bom\",\"predicate\":{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}}");
    assertThat(statement("spdxjson", "{\"b\":{\"z\":1,\"a\":[{\"y\":2,\"x\":3}]},\"a\":true}"))
        .endsWith("\"predicateType\":\"https://spdx.dev/Document\",\"predicate\":{\"a\":true,\"b\":{\"a\":[{\"x\":3,\"y\":2}],\"z\":1}}}");
    assertThat(statement("https://example.com/custom/v1", "{\"k\":\"v\"}"))
        .endsWith("\"predicateType\":\"https://example.com/custom/v1\",\"predicate\":{\"k\":\"v\"}}");
    assertThat(statement("openvex", "{\"@context\":\"https://openvex.dev/ns/v0.2.0\"}"))
        .contains("\"predicateType\":\"https://openvex.dev/ns\"");
  }

  @Test
  void spdxTextIsAJsonString() throws Exception {
    assertThat(statement("spdx", "SPDXVersion: SPDX-2.2\n"))
        .endsWith("\"predicateType\":\"https://spdx.dev/Document\",\"predicate\":\"SPDXVersion: SPDX-2.2\\n\"}");
  }

  @Test
  void slsaPredicatesNeedCosignsRequiredFields() throws Exception {
    assertThat(statement("slsaprovenance", "{\"buildType\":\"b\",\"builder\":{\"id\":\"i\"}}"))
        .contains("\"predicateType\":\"https://slsa.dev/provenance/v0.2\"");
    assertThat(statement("slsaprovenance1", "{\"buildDefinition\":{},\"runDetails\":{}}"))
        .contains("\"predicateType\":\"https://slsa.dev/provenance/v1\"");
    assertThatThrownBy(() -> statement("slsaprovenance02", "{\"builder\":{}}"))
        .hasMessageContaining("required field buildType missing");
    assertThatThrownBy(() -> statement("slsaprovenance1", "{\"buildDefinition\":{}}"))
        .hasMessageContaining("required field runDetails missing");
  }

  @Test
  void badPredicatesAndTypesAreRejected() {
    assertThatThrownBy(() -> statement("vuln", "not json")).isInstanceOf(SigningException.class)
        .hasMessageStartingWith("invalid JSON payload for predicate type https://cosign.sigstore.dev/attestation/vuln/v1");
    assertThatThrownBy(() -> statement("https://example.com/x", "[1,2]"))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> statement("cyclonedx", "")).hasMessageContaining("the predicate is empty");
    assertThatThrownBy(() -> statement("slsa", "{}")).hasMessageStartingWith("invalid predicate type: slsa");
  }

  @Test
  void predicateTypeNamesResolveToCosignsUris() throws Exception {
    assertThat(PredicateTypes.resolve("slsaprovenance")).isEqualTo("https://slsa.dev/provenance/v0.2");
    assertThat(PredicateTypes.resolve("slsaprovenance02")).isEqualTo("https://slsa.dev/provenance/v0.2");
    assertThat(PredicateTypes.resolve("slsaprovenance1")).isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(PredicateTypes.resolve("spdx")).isEqualTo("https://spdx.dev/Document");
    assertThat(PredicateTypes.resolve("spdxjson")).isEqualTo("https://spdx.dev/Document");
    assertThat(PredicateTypes.resolve("cyclonedx")).isEqualTo("https://cyclonedx.org/bom");
    assertThat(PredicateTypes.resolve("link")).isEqualTo("https://in-toto.io/Link/v1");
    assertThat(PredicateTypes.resolve("vuln")).isEqualTo("https://cosign.sigstore.dev/attestation/vuln/v1");
    assertThat(PredicateTypes.resolve("openvex")).isEqualTo("https://openvex.dev/ns");
    assertThat(PredicateTypes.resolve("custom")).isEqualTo("https://cosign.sigstore.dev/attestation/v1");
    assertThat(PredicateTypes.resolve("urn:example:thing")).isEqualTo("urn:example:thing");
    assertThatThrownBy(() -> PredicateTypes.resolve("not a uri")).isInstanceOf(SigningException.class);
    assertThatThrownBy(() -> PredicateTypes.resolve("relative/path")).isInstanceOf(SigningException.class);
  }
}
