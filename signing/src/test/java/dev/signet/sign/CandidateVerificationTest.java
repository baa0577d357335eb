package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.sign.internal.BundleCandidate;
import dev.signet.sign.internal.LegacyCandidate;
import dev.signet.sign.internal.VerificationCandidate;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-signature checks, without a registry: cosign's claim rules, key types, bundle shapes. */
class CandidateVerificationTest {
  private static final Digest IMAGE = new Digest("sha256", "1a".repeat(32));
  private static final Digest OTHER = new Digest("sha256", "2b".repeat(32));

  private final PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
  private final VerificationPolicy policy = VerificationPolicy.forKey(key.publicKey()).withIgnoreTlog(true);
  private final VerificationCandidate.Target target =
      new VerificationCandidate.Target(SigningFixtures.parse("127.0.0.1:5000/app:v1"), IMAGE, policy);

  private static VerificationCandidate legacy(byte[] payload, Signer signer) throws Exception {
    String b64 = Base64.getEncoder().encodeToString(signer.sign(payload));
    return new LegacyCandidate(
        LegacySignatureImage.simpleSigningLayer(payload, SignatureAnnotations.ofSignature(b64)), payload, "test");
  }

  @Test
  void legacyDockerReferenceIsNotCheckedAndFieldNamesMatchCaseInsensitively() throws Exception {
    byte[] elsewhere = SimpleSigningPayload.of("registry.example/somewhere/else", IMAGE, null).toJson();
    assertThat(legacy(elsewhere, Signers.from(key)).check(target).isVerified()).isTrue();

    byte[] oldSpelling = ("{\"Critical\":{\"Identity\":{\"Docker-Reference\":\"x\"},\"Image\":{\"Docker-manifest-digest\":\""
        + IMAGE + "\"},\"Type\":\"cosign container image signature\"},\"Optional\":null}").getBytes(StandardCharsets.UTF_8);
    VerificationCandidate.Verdict v = legacy(oldSpelling, Signers.from(key)).check(target);
    assertThat(v.isVerified()).isTrue();
    assertThat(v.signature().digest()).isEqualTo(IMAGE.toString());
  }

  @Test
  void legacyClaimsCanBeSwitchedOff() throws Exception {
    VerificationCandidate forOther = legacy(SimpleSigningPayload.of("r/x", OTHER, null).toJson(), Signers.from(key));
    assertThat(forOther.check(target).reason())
        .isEqualTo("claims: legacy signature: invalid or missing digest in claim: " + OTHER);
    VerificationCandidate.Target unchecked =
        new VerificationCandidate.Target(target.reference(), IMAGE, policy.withCheckClaims(false));
    assertThat(forOther.check(unchecked).signature().digest()).isEqualTo(OTHER.toString());
  }

  @Test
  void ed25519ImageSignaturesArePrehashedAsCosignMakesThem() throws Exception {
    PrivateKeyHandle ed = KeyGenerator.generate(SignatureAlgorithm.ED25519, new SecureRandom());
    VerificationCandidate.Target edTarget = new VerificationCandidate.Target(target.reference(), IMAGE,
        VerificationPolicy.forKey(ed.publicKey()).withIgnoreTlog(true));
    byte[] payload = SimpleSigningPayload.of("r/x", IMAGE, null).toJson();
    assertThat(legacy(payload, Signers.from(ed, SignatureAlgorithm.ED25519PH)).check(edTarget).isVerified()).isTrue();
    assertThat(legacy(payload, Signers.from(ed)).check(edTarget).isVerified()).isTrue();
  }

  private SigstoreBundle dsseBundle(InTotoStatement statement, Signer signer, String hint) throws Exception {
    byte[] body = statement.toJson();
    byte[] sig = signer.sign(DsseEnvelope.pae(MediaTypes.IN_TOTO, body));
    return SigstoreBundle.ofDsse(VerificationMaterial.publicKey(hint),
        new DsseEnvelope(MediaTypes.IN_TOTO, body, List.of(new DsseEnvelope.Signature(null, sig))));
  }

  private VerificationCandidate.Verdict check(SigstoreBundle bundle, VerificationCandidate.Target t) {
    return new BundleCandidate(Digest.sha256(bundle.toJson()), bundle).check(t);
  }

  @Test
  void bundleOutputUsesTheReferenceAsGivenAndTheSubjectAnnotations() throws Exception {
    SigstoreBundle b = dsseBundle(InTotoStatement.forCosignSign(IMAGE, Map.of("env", "prod")), Signers.from(key), "");
    VerifiedSignature s = check(b, target).signature();
    assertThat(s.dockerReference()).isEqualTo("127.0.0.1:5000/app:v1");
    assertThat(s.type()).isEqualTo(InTotoStatement.COSIGN_SIGN_PREDICATE);
    assertThat(s.optional()).isEqualTo(Map.of("env", "prod"));
  }

  @Test
  void wrongKeyMessageNamesBothKeysWhenTheBundleHasAHint() throws Exception {
    PrivateKeyHandle other = KeyGenerator.generateEcdsaP256();
    SigstoreBundle b = dsseBundle(InTotoStatement.forCosignSign(IMAGE, Map.of()), Signers.from(other),
        PublicKeys.hint(other.publicKey()));
    assertThat(check(b, target).reason()).contains("invalid signature")
        .contains("the bundle names key " + PublicKeys.hint(other.publicKey()))
        .contains("the given key is " + PublicKeys.hint(key.publicKey()));
  }

  @Test
  void bundlesThatSignNoImageAreRejected() throws Exception {
    byte[] sig = Signers.from(key).sign("blob".getBytes(StandardCharsets.UTF_8));
    SigstoreBundle message = SigstoreBundle.ofMessageSignature(VerificationMaterial.publicKey(""),
        MessageSignature.of(IMAGE, sig));
    assertThat(check(message, target).reason()).contains("message signature, not a DSSE envelope");

    SigstoreBundle good = dsseBundle(InTotoStatement.forCosignSign(IMAGE, Map.of()), Signers.from(key), "");
    SigstoreBundle v02 = new SigstoreBundle(SigstoreBundle.MEDIA_TYPE_V02, good.verificationMaterial(),
        good.dsseEnvelope(), null);
    assertThat(check(v02, target).reason()).contains("bundle version 0.2 is older than v0.3");

    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    DsseEnvelope notInToto = new DsseEnvelope("application/vnd.example", body, List.of(
        new DsseEnvelope.Signature(null, Signers.from(key).sign(DsseEnvelope.pae("application/vnd.example", body)))));
    assertThat(check(SigstoreBundle.ofDsse(VerificationMaterial.publicKey(""), notInToto), target).reason())
        .contains("claims: bundle v0.3: DSSE payload type \"application/vnd.example\" is not in-toto");
  }

  @Test
  void aRequiredTlogWithoutALogInTheTrustedRootSaysWhatToDo() throws Exception {
    SigstoreBundle b = dsseBundle(InTotoStatement.forCosignSign(IMAGE, Map.of()), Signers.from(key), "");
    VerificationCandidate.Target strict = new VerificationCandidate.Target(target.reference(), IMAGE,
        policy.withIgnoreTlog(false));
    assertThat(check(b, strict).reason()).contains("expected 1 verified tlog entries, got 0")
        .contains("no transparency-log entry could be verified").contains("never contacts public-good services")
        .contains("--trusted-root").contains("--insecure-ignore-tlog=true");
    assertThat(check(b, target).isVerified()).isTrue();

    // A malformed log entry is a malformed bundle, whether or not the log is checked.
    SigstoreBundle logged = SigstoreBundle.ofDsse(b.verificationMaterial().withTlogEntries(List.of(
        dev.signet.oci.internal.GoJson.MAPPER.readTree("{\"logIndex\":\"1\"}"))), b.dsseEnvelope());
    assertThat(check(logged, target).reason()).startsWith("format: ");
  }
}
