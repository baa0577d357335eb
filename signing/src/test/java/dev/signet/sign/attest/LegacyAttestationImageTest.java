package dev.signet.sign.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bytes of the legacy {@code .att} image ImageAttester writes: cosign's ATTESTATION_SPEC example
 * (config digest for a 246-byte DSSE layer), and the layer annotations cosign sets on attestations.
 */
class LegacyAttestationImageTest {

  @Test
  void configMatchesCosignsAttestationSpecExample() throws Exception {
    // specs/ATTESTATION_SPEC.md: layer sha256:ed3ad03d… (246 B) gives config sha256:83bd5fb5… (233 B).
    Descriptor layer = new Descriptor("application/vnd.dsse.envelope.v1+json", 246,
        "sha256:ed3ad03d3b87843b5419d7dce9d50a3e0f45554b2ba93bf378611cae6b450cff", Map.of(), null, null);
    LegacySignatureImage image = LegacySignatureImage.empty().append(layer);
    assertThat(image.configBytes()).hasSize(233);
    assertThat(Digest.sha256(image.configBytes()).toString())
        .isEqualTo("sha256:83bd5fb5b39f65f28e50a86d48fa79c07880befc292d92eebdc18531054b070c");
  }

  @Test
  void attestationLayerCarriesAnEmptySignatureAndThePredicateType() throws Exception {
    byte[] envelope = "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"AQ==\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    Descriptor layer = LegacySignatureImage.attestationLayer(envelope,
        SignatureAnnotations.ofSignature("").withPredicateType("https://slsa.dev/provenance/v1"));
    String manifest = new String(LegacySignatureImage.empty().append(layer).manifestBytes(), StandardCharsets.UTF_8);
    String config = new String(LegacySignatureImage.empty().append(layer).configBytes(), StandardCharsets.UTF_8);
    assertThat(manifest).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length()
        + ",\"digest\":\"" + Digest.sha256(config.getBytes(StandardCharsets.UTF_8)) + "\"},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.dsse.envelope.v1+json\",\"size\":" + envelope.length
        + ",\"digest\":\"" + Digest.sha256(envelope) + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"\","
        + "\"predicateType\":\"https://slsa.dev/provenance/v1\"}}]}");
  }
}
