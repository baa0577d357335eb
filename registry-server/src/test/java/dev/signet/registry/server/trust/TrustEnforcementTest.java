package dev.signet.registry.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureAnnotations;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.payload.SimpleSigningPayload;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Enforce mode: unsigned, trusted, untrusted and tampered signatures, in the legacy and bundle formats. */
class TrustEnforcementTest extends TrustTestBase {

  @Test
  void unsignedImageIsRefusedByTagAndDigestWithTheSpecErrorNamingThePolicy() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "unsigned");

    String message = assertRefused("prod/app", "v1", image.toString());

    assertThat(message).contains("image " + image + " in project prod is not signed by 1 trusted key (found 0)")
        .contains("mode enforce");
    assertThat(trust().decisions("prod", 10)).isNotEmpty()
        .allMatch(d -> d.verdict() == PullDecision.Verdict.DENIED && d.digest().equals(image.toString()));
  }

  @Test
  void otherProjectsAndPolicyOffAreUnaffected() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    policy("dev", TrustMode.OFF, 1, ALICE);
    Digest a = registry.pushImage("dev/app", "v1", "a");
    Digest b = registry.pushImage("staging/app", "v1", "b");
    Digest c = registry.pushImage("production/app", "v1", "c"); // a project whose name starts with "prod"

    assertServed("dev/app", "v1", a.toString());
    assertServed("staging/app", "v1", b.toString());
    assertServed("production/app", "v1", c.toString());
  }

  @Test
  void legacySignatureByATrustedKeyIsServedAndTheResultRecorded() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "legacy");
    Digest sig = sign.legacy("prod/app", image, ALICE, Map.of());

    assertServed("prod/app", "v1", image.toString());

    List<VerificationResult> results = trust().results("prod/app", sig);
    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
      assertThat(r.subject()).isEqualTo(image);
      assertThat(r.signer()).isEqualTo(PublicKeys.hint(ALICE.publicKey()));
      assertThat(r.verified()).isNotNull();
    });
  }

  @Test
  void bundleReferrerByATrustedKeyIsServed() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "bundle");
    assertRefused("prod/app", "v1");

    Digest ref = sign.bundle("prod/app", image, ALICE, Map.of());

    assertServed("prod/app", "v1", image.toString());
    assertThat(trust().results("prod/app", ref)).extracting(VerificationResult::outcome).containsExactly(Outcome.VERIFIED);
  }

  @Test
  void legacyAttestationByATrustedKeyCounts() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "att");
    sign.attestation("prod/app", image, ALICE);

    assertServed("prod/app", "v1");
  }

  @Test
  void signaturesByUntrustedKeysAreRefused() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "mallory");
    Digest sig = sign.legacy("prod/app", image, MALLORY, Map.of());
    Digest ref = sign.bundle("prod/app", image, MALLORY, Map.of());

    assertThat(assertRefused("prod/app", "v1", image.toString())).contains("(found 0)");
    assertThat(trust().results("prod/app", sig)).extracting(VerificationResult::outcome)
        .containsExactly(Outcome.UNTRUSTED);
    assertThat(trust().results("prod/app", ref)).extracting(VerificationResult::outcome)
        .containsExactly(Outcome.UNTRUSTED);
  }

  @Test
  void legacySignatureWithAnEditedAnnotationIsRefused() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "edited");
    Digest other = registry.pushImage("prod/app", "v2", "other");
    // A valid signature by the trusted key, but over another payload, pasted into this layer.
    byte[] otherPayload = SimpleSigningPayload.forImage(registry.repository("prod/app"), other, Map.of()).toJson();
    String foreign = Base64.getEncoder().encodeToString(SignatureFactory.sign(ALICE, otherPayload));
    sign.legacy("prod/app", image, ALICE, Map.of(), null,
        a -> SignatureAnnotations.ofSignature(foreign));

    assertRefused("prod/app", "v1", image.toString());
  }

  @Test
  void legacySignatureClaimingAnotherImageIsInvalid() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "claims");
    Digest other = registry.pushImage("prod/app", "v2", "other");
    // A genuine signature of `other`, filed under this image's .sig tag.
    byte[] payload = SimpleSigningPayload.forImage(registry.repository("prod/app"), other, Map.of()).toJson();
    registry.pushBlob("prod/app", payload);
    Digest sig = sign.legacy("prod/app", image, ALICE, Map.of(), null, a -> a); // valid one for contrast
    assertServed("prod/app", "v1");
    registry.send("DELETE", "/v2/prod/app/manifests/" + sig, null);
    String foreign = Base64.getEncoder().encodeToString(SignatureFactory.sign(ALICE, payload));
    Digest misfiled = pushLegacyLayer(image, payload, foreign);

    assertRefused("prod/app", "v1");
    assertThat(trust().results("prod/app", misfiled)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
      // the engine's message: the artifact check failed on the claimed digest (the other image's)
      assertThat(r.reason()).startsWith("artifact: ").contains("invalid or missing digest in claim: " + other);
    });
  }

  @Test
  void bundleWithAlteredBytesIsRefused() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "tampered-bundle");
    // Re-encode the statement with an annotation added after signing: same signature, other payload.
    Digest ref = sign.bundle("prod/app", image, ALICE, Map.of(), bytes -> {
      String json = new String(bytes, StandardCharsets.UTF_8);
      String payload = json.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1");
      String statement = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8)
          .replace("\"digest\":", "\"annotations\":{\"env\":\"prod\"},\"digest\":");
      return json.replace(payload, Base64.getEncoder().encodeToString(statement.getBytes(StandardCharsets.UTF_8)))
          .getBytes(StandardCharsets.UTF_8);
    });

    assertRefused("prod/app", "v1", image.toString());
    assertThat(trust().results("prod/app", ref)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.INVALID); // the bundle names the trusted key: altered
      assertThat(r.reason()).contains("altered");
    });
  }

  /** Pushes a .sig image whose one layer is {@code payload} with the given base64 signature. */
  private Digest pushLegacyLayer(Digest subject, byte[] payload, String signature) {
    var image = dev.signet.cosign.LegacySignatureImage.empty();
    try {
      image = image.append(dev.signet.cosign.LegacySignatureImage.simpleSigningLayer(payload,
          SignatureAnnotations.ofSignature(signature)));
    } catch (dev.signet.cosign.LayerLimitException e) {
      throw new IllegalStateException(e);
    }
    registry.pushBlob("prod/app", image.configBytes());
    registry.putManifest("prod/app", dev.signet.cosign.SignatureTags.signatureTag(subject), image.manifestMediaType(),
        image.manifestBytes());
    return image.manifestDigest();
  }
}
