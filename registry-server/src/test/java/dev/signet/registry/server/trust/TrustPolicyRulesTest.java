package dev.signet.registry.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.registry.server.auth.Principal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Thresholds, required annotations, audit mode, policy changes, exemptions and deletes. */
class TrustPolicyRulesTest extends TrustTestBase {

  @Test
  void thresholdTwoNeedsTwoDistinctTrustedKeys() {
    policy("prod", TrustMode.ENFORCE, 2, ALICE, BOB);
    Digest image = registry.pushImage("prod/app", "v1", "threshold");
    sign.legacy("prod/app", image, ALICE, Map.of());
    sign.bundle("prod/app", image, ALICE, Map.of()); // the same key again does not count twice

    assertThat(assertRefused("prod/app", "v1")).contains("is not signed by 2 trusted keys (found 1)");

    sign.legacy("prod/app", image, BOB, Map.of());
    assertServed("prod/app", "v1", image.toString());
  }

  @Test
  void auditModeServesAndRecordsTheDecision() {
    policy("prod", TrustMode.AUDIT, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "audit");

    assertServed("prod/app", "v1");

    assertThat(trust().decisions("prod", 10)).hasSize(2).allSatisfy(d -> {
      assertThat(d.verdict()).isEqualTo(PullDecision.Verdict.AUDITED);
      assertThat(d.mode()).isEqualTo(TrustMode.AUDIT);
      assertThat(d.digest()).isEqualTo(image.toString());
      assertThat(d.reference()).isEqualTo("v1");
      assertThat(d.reason()).contains("not signed by 1 trusted key");
    });
    assertThat(audited).extracting(PullDecision::verdict).containsOnly(PullDecision.Verdict.AUDITED);

    sign.legacy("prod/app", image, ALICE, Map.of());
    audited.clear();
    assertServed("prod/app", "v1");
    assertThat(audited).extracting(PullDecision::verdict).containsOnly(PullDecision.Verdict.SATISFIED);
    assertThat(trust().decisions("prod", 10)).hasSize(2);
  }

  @Test
  void requiredAnnotationsMustBeSigned() {
    policy("prod", TrustMode.ENFORCE, 1, Map.of("env", "prod"), IndexRule.INHERIT, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "annotations");
    sign.legacy("prod/app", image, ALICE, Map.of("env", "dev"));
    sign.bundle("prod/app", image, ALICE, Map.of());

    assertThat(assertRefused("prod/app", "v1"))
        .contains("with annotations env=prod (found 0; 1 more trusted signer lacks the annotations)");

    sign.bundle("prod/app", image, ALICE, Map.of("env", "prod"));
    assertServed("prod/app", "v1");

    Digest other = registry.pushImage("prod/app", "v2", "legacy-annotated");
    sign.legacy("prod/app", other, ALICE, Map.of("env", "prod", "team", "core"));
    assertServed("prod/app", "v2");
  }

  @Test
  void changingTheKeysReDerivesDecisions() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "change");
    Digest sig = sign.legacy("prod/app", image, BOB, Map.of());
    assertRefused("prod/app", "v1");

    policy("prod", TrustMode.ENFORCE, 1, ALICE, BOB); // BOB's signature is verified at the next pull
    assertServed("prod/app", "v1");
    assertThat(trust().results("prod/app", sig)).extracting(VerificationResult::outcome)
        .containsExactlyInAnyOrder(Outcome.UNTRUSTED, Outcome.VERIFIED);

    policy("prod", TrustMode.ENFORCE, 1, ALICE); // and dropped again
    assertRefused("prod/app", "v1");
    assertThat(trust().results("prod/app", sig)).extracting(VerificationResult::outcome)
        .containsExactly(Outcome.UNTRUSTED);
  }

  @Test
  void signaturesPushedBeforeAnyPolicyAreVerifiedAtTheFirstPull() {
    Digest image = registry.pushImage("prod/app", "v1", "early");
    Digest sig = sign.legacy("prod/app", image, ALICE, Map.of());
    assertThat(trust().results("prod/app", sig)).isEmpty();

    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    assertServed("prod/app", "v1");
    assertThat(trust().results("prod/app", sig)).extracting(VerificationResult::outcome)
        .containsExactly(Outcome.VERIFIED);
  }

  @Test
  void exemptCallersAreServedAndReported() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "exempt");
    trust().setExemption((principal, project, repo) -> project.equals("prod") && repo.equals("prod/app")
        && principal == Principal.ANONYMOUS);

    assertServed("prod/app", "v1", image.toString());
    assertThat(audited).extracting(PullDecision::verdict).containsOnly(PullDecision.Verdict.EXEMPT);
    assertThat(trust().decisions("prod", 10)).isEmpty();

    trust().setExemption(EnforcementExemption.NONE);
    assertRefused("prod/app", "v1");
  }

  @Test
  void deletingSignaturesDropsTheirResults() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "delete");
    Digest sig = sign.legacy("prod/app", image, ALICE, Map.of());
    Digest ref = sign.bundle("prod/app", image, ALICE, Map.of());
    assertThat(trust().resultsForSubject("prod/app", image)).hasSize(2);

    registry.send("DELETE", "/v2/prod/app/manifests/" + ref, null); // cosign clean --type referrer
    assertThat(trust().results("prod/app", ref)).isEmpty();
    assertServed("prod/app", "v1");

    registry.send("DELETE", "/v2/prod/app/manifests/" + SignatureTags.signatureTag(image), null); // detach by tag
    assertThat(trust().results("prod/app", sig)).isEmpty();
    assertRefused("prod/app", "v1");

    Digest again = sign.legacy("prod/app", image, ALICE, Map.of());
    assertThat(trust().results("prod/app", again)).isNotEmpty();
    registry.send("DELETE", "/v2/prod/app/manifests/" + image, null); // cascade from the subject
    assertThat(trust().resultsForSubject("prod/app", image)).isEmpty();
  }
}
