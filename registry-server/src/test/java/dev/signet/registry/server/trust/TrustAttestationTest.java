package dev.signet.registry.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Required attestations: key-signed SLSA provenance present, absent, of the wrong type, by the wrong signer. */
class TrustAttestationTest extends TrustTestBase {
  private static final String SLSA02 = "https://slsa.dev/provenance/v0.2";
  private static final String SLSA1 = "https://slsa.dev/provenance/v1";

  private void requireProvenance(String... types) {
    trust().setPolicy(new TrustPolicy("prod", TrustMode.ENFORCE, List.of(TrustAnchor.key(Pem.of(ALICE))), 1, Map.of(),
        IndexRule.INHERIT, null, Arrays.asList(types), null));
  }

  @Test
  void aSignedImageWithoutTheRequiredAttestationIsRefused() {
    requireProvenance("slsaprovenance");
    Digest image = registry.pushImage("prod/app", "v1", "no-attestation");
    sign.legacy("prod/app", image, ALICE, Map.of());

    assertThat(assertRefused("prod/app", "v1", image.toString()))
        .contains("image " + image + " in project prod lacks a verified attestation of type slsaprovenance ("
            + SLSA02 + ") by a trusted key of the policy")
        .doesNotContain("is not signed by");
  }

  @Test
  void theRequiredAttestationAsABundleReferrerOrLegacyAttLayerIsServed() {
    requireProvenance("slsaprovenance");
    Digest image = registry.pushImage("prod/app", "v1", "bundle-attestation");
    sign.legacy("prod/app", image, ALICE, Map.of());
    Digest att = sign.attestationBundle("prod/app", image, ALICE, SLSA02);

    assertServed("prod/app", "v1", image.toString());
    assertThat(trust().results("prod/app", att)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
      assertThat(r.predicateType()).isEqualTo(SLSA02);
    });

    Digest other = registry.pushImage("prod/app", "v2", "legacy-attestation");
    sign.legacy("prod/app", other, ALICE, Map.of());
    assertRefused("prod/app", "v2");
    sign.attestation("prod/app", other, ALICE, SLSA02);
    assertServed("prod/app", "v2");
  }

  @Test
  void anAttestationOfAnotherTypeDoesNotCount() {
    requireProvenance("slsaprovenance");
    Digest image = registry.pushImage("prod/app", "v1", "wrong-type");
    sign.legacy("prod/app", image, ALICE, Map.of());
    sign.attestationBundle("prod/app", image, ALICE, SLSA1);
    sign.attestation("prod/app", image, ALICE, "https://spdx.dev/Document");

    assertThat(assertRefused("prod/app", "v1")).contains("lacks a verified attestation of type slsaprovenance");
  }

  @Test
  void anAttestationByAnUntrustedSignerDoesNotCountAndTheRefusalSaysWhy() {
    requireProvenance("slsaprovenance", "spdxjson");
    Digest image = registry.pushImage("prod/app", "v1", "wrong-signer");
    sign.legacy("prod/app", image, ALICE, Map.of());
    Digest att = sign.attestationBundle("prod/app", image, MALLORY, SLSA02);
    sign.attestation("prod/app", image, ALICE, "https://spdx.dev/Document");

    String message = assertRefused("prod/app", "v1");
    assertThat(message).contains("lacks a verified attestation of type slsaprovenance (" + SLSA02 + ")")
        .doesNotContain("spdxjson")
        .contains("rejected: " + att.hex().substring(0, 12) + ": signature: bundle v0.3: the DSSE signature over the PAE"
            + " does not verify with the key " + dev.signet.crypto.keys.PublicKeys.hint(ALICE.publicKey()));
    assertThat(trust().results("prod/app", att)).singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.UNTRUSTED));

    sign.attestationBundle("prod/app", image, ALICE, SLSA02);
    assertServed("prod/app", "v1");
  }

  @Test
  void anAttestationsSignerCountsOnceTowardsTheThresholdLikeASignature() {
    trust().setPolicy(new TrustPolicy("prod", TrustMode.ENFORCE, List.of(TrustAnchor.key(Pem.of(ALICE)),
        TrustAnchor.key(Pem.of(BOB))), 2, Map.of(), IndexRule.INHERIT, null, List.of("slsaprovenance"), null));
    Digest image = registry.pushImage("prod/app", "v1", "threshold");
    sign.attestationBundle("prod/app", image, ALICE, SLSA02);

    assertThat(assertRefused("prod/app", "v1")).contains("is not signed by 2 trusted keys (found 1)")
        .doesNotContain("lacks a verified attestation");
    sign.legacy("prod/app", image, BOB, Map.of());
    assertServed("prod/app", "v1");
  }
}
