package dev.signet.cosign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Descriptor;
import dev.signet.oci.MediaTypes;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AccessoryTypeTest {

  @ParameterizedTest(name = "[{0}|{1}|{2}] -> {3}")
  @CsvSource(nullValues = "-", value = {
    "application/vnd.dev.sigstore.bundle.v0.3+json, application/vnd.oci.empty.v1+json, application/vnd.dev.sigstore.bundle.v0.3+json, SIGSTORE_BUNDLE",
    "-, application/vnd.oci.image.config.v1+json, application/vnd.dev.cosign.simplesigning.v1+json, COSIGN_SIGNATURE",
    "-, application/vnd.oci.image.config.v1+json, application/vnd.dsse.envelope.v1+json, IN_TOTO_ATTESTATION",
    "application/vnd.dev.cosign.artifact.sig.v1+json, -, application/vnd.dev.cosign.simplesigning.v1+json, COSIGN_SIGNATURE",
    "-, application/vnd.dev.cosign.artifact.sig.v1+json, -, COSIGN_SIGNATURE",
    "application/vnd.cncf.notary.signature, application/vnd.oci.empty.v1+json, application/jose+json, NOTATION_SIGNATURE",
    "-, application/vnd.cncf.notary.signature, application/cose, NOTATION_SIGNATURE",
    "-, application/vnd.oci.image.config.v1+json, text/spdx+json, SBOM_SPDX",
    "-, application/vnd.oci.image.config.v1+json, application/vnd.cyclonedx+xml, SBOM_CYCLONEDX",
    "application/spdx+json, application/vnd.oci.empty.v1+json, -, SBOM_SPDX",
    "application/vnd.dev.cosign.artifact.sbom.v1+json, -, application/vnd.cyclonedx+json, SBOM_CYCLONEDX",
    "application/vnd.in-toto+json, application/vnd.oci.empty.v1+json, -, IN_TOTO_ATTESTATION",
    "application/vnd.example.thing, application/vnd.oci.empty.v1+json, application/octet-stream, OTHER",
    "-, application/vnd.oci.image.config.v1+json, application/vnd.syft+json, OTHER",
    "-, -, -, OTHER"
  })
  void classifiesByArtifactTypeConfigThenLayers(String artifactType, String config, String layer, AccessoryType expected) {
    List<String> layers = layer == null ? List.of() : List.of(layer);
    assertThat(AccessoryType.classify(artifactType, config, layers)).isEqualTo(expected);
  }

  @Test
  void artifactTypeWinsOverLayers() {
    assertThat(AccessoryType.classify("application/vnd.cncf.notary.signature", null,
        List.of(MediaTypes.COSIGN_SIMPLESIGNING))).isEqualTo(AccessoryType.NOTATION_SIGNATURE);
  }

  @Test
  void classifiesReferrerListEntriesByArtifactType() {
    Descriptor d = new Descriptor(MediaTypes.OCI_MANIFEST, 1, "sha256:" + "a".repeat(64), null, null,
        MediaTypes.SIGSTORE_BUNDLE_V03);
    assertThat(AccessoryType.classify(d)).isEqualTo(AccessoryType.SIGSTORE_BUNDLE);
    assertThat(AccessoryType.classify(d.withArtifactType(null))).isEqualTo(AccessoryType.OTHER);
  }

  @Test
  void tableCoversEveryTypeButOther() {
    assertThat(AccessoryType.RULES).extracting(AccessoryType.Rule::type).doesNotContain(AccessoryType.OTHER)
        .contains(AccessoryType.COSIGN_SIGNATURE, AccessoryType.SIGSTORE_BUNDLE, AccessoryType.IN_TOTO_ATTESTATION,
            AccessoryType.NOTATION_SIGNATURE, AccessoryType.SBOM_SPDX, AccessoryType.SBOM_CYCLONEDX);
  }
}
