package dev.signet.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.oci.Digest;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.testkit.Bodies;
import dev.signet.verify.testkit.ReferenceMerkle;
import dev.signet.verify.testkit.TestLog;
import dev.signet.verify.tlog.NoteVerifier;
import dev.signet.verify.tlog.WitnessPolicy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key-mode bundles logged in spec-built Rekor v1 and v2 logs, end to end through SigstoreVerifier. */
class SyntheticBundlesTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Digest IMAGE = new Digest("sha256", "5e".repeat(32));

  @Test
  void cosignV3StyleDsseBundleInARekorV2LogWithWitnesses() throws Exception {
    KeyPair key = ec();
    byte[] statement = InTotoStatement.forCosignSign(IMAGE, Map.of("team", "infra")).toJson();
    byte[] pae = DsseEnvelope.pae("application/vnd.in-toto+json", statement);
    byte[] sig = sign(key, pae);
    DsseEnvelope env = new DsseEnvelope("application/vnd.in-toto+json", statement,
        List.of(new DsseEnvelope.Signature(null, sig)));
    TestLog log = TestLog.rekorV2("log2026.example.dev");
    log.appendFiller(100);
    int index = log.append(Bodies.hashedRekordV002(ReferenceMerkle.sha256(pae), sig, "publicKey",
        key.getPublic().getEncoded()));
    log.appendFiller(27);
    ObjectNode entry = log.entry(index, "hashedrekord", "0.0.2", 0, 0);
    KeyPair witness = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String cp = entry.at("/inclusionProof/checkpoint/envelope").asText();
    ((ObjectNode) entry.at("/inclusionProof/checkpoint")).put("envelope", cp
        + cosignature("witness.example", witness, cp.substring(0, cp.lastIndexOf("\n\n") + 1)) + "\n");
    SigstoreBundle bundle = SigstoreBundle.ofDsse(VerificationMaterial.publicKey("").withTlogEntries(List.of(entry)),
        env);
    TrustedRoot root = new TrustedRoot("", List.of(log.trusted(T0)), List.of(), List.of(), List.of());
    VerificationPolicy policy = VerificationPolicy.forKey(key.getPublic()).withAnnotations(Map.of("team", "infra"))
        .expectingPredicateType(InTotoStatement.COSIGN_SIGN_PREDICATE);
    Artifact image = Artifact.ofDigest(IMAGE.toString());

    VerificationResult r = new SigstoreVerifier(root).verify(bundle, image, policy);
    assertThat(r.logEntries()).singleElement().satisfies(e -> {
      assertThat(e.integratedTime()).isEmpty();
      assertThat(e.kind()).isEqualTo("hashedrekord");
    });
    assertThat(r.times()).isEmpty();
    assertThat(r.payload()).isEqualTo(statement);

    WitnessPolicy one = new WitnessPolicy(List.of(NoteVerifier.cosignature("witness.example", witness.getPublic())), 1);
    VerificationResult witnessed = new SigstoreVerifier(root, one, Clock.systemUTC()).verify(bundle, image, policy);
    assertThat(witnessed.logEntries().get(0).checkpoint().orElseThrow().witnesses()).containsExactly("witness.example");
    KeyPair absent = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    WitnessPolicy other = new WitnessPolicy(List.of(NoteVerifier.cosignature("witness.other", absent.getPublic())), 1);
    assertThatThrownBy(() -> new SigstoreVerifier(root, other, Clock.systemUTC()).verify(bundle, image, policy))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.CHECKPOINT))
        .hasMessageContaining("0 verified witness cosignatures, the policy needs 1 of 1");

    // a Rekor v2 key signature needs no time, but still the log: ignoring it passes, another root fails
    new SigstoreVerifier(TrustedRoot.empty()).verify(bundle, image, policy.ignoringTlog());
    assertThatThrownBy(() -> new SigstoreVerifier(TrustedRoot.empty()).verify(bundle, image, policy))
        .hasMessageContaining("is not a transparency log of the trusted root");
    assertThatThrownBy(() -> new SigstoreVerifier(root).verify(bundle, Artifact.ofDigest("sha256:" + "00".repeat(32)),
        policy)).hasMessageContaining("no matching subject digest found");
    assertThatThrownBy(() -> new SigstoreVerifier(root).verify(bundle, image, policy.withTlogThreshold(2)))
        .hasMessage("threshold: bundle v0.3: expected 2 verified tlog entries, got 1");
    // the same entry twice counts once
    SigstoreBundle twice = SigstoreBundle.ofDsse(VerificationMaterial.publicKey("").withTlogEntries(List.of(entry,
        entry)), env);
    assertThat(new SigstoreVerifier(root).verify(twice, image, policy).logEntries()).hasSize(1);
  }

  @Test
  void messageSignatureBundleInARekorV1Log() throws Exception {
    KeyPair key = ec();
    byte[] blob = "release-1.2.3.tar.gz contents".getBytes(StandardCharsets.UTF_8);
    byte[] sig = sign(key, blob);
    TestLog log = TestLog.rekorV1("rekor.example.dev");
    log.appendFiller(12);
    int index = log.append(Bodies.hashedRekordV001(ReferenceMerkle.sha256(blob), sig,
        Bodies.pem("PUBLIC KEY", key.getPublic().getEncoded())));
    JsonNode entry = log.entry(index, "hashedrekord", "0.0.1", 1_760_000_000L, 0);
    SigstoreBundle bundle = SigstoreBundle.ofMessageSignature(
        VerificationMaterial.publicKey("").withTlogEntries(List.of(entry)), MessageSignature.of(Digest.sha256(blob), sig));
    TrustedRoot root = new TrustedRoot("", List.of(log.trusted(T0)), List.of(), List.of(), List.of());
    SigstoreVerifier verifier = new SigstoreVerifier(root);
    VerificationPolicy policy = VerificationPolicy.forKey(key.getPublic()).withTimestampThreshold(1);
    VerificationResult r = verifier.verify(bundle, Artifact.of(blob), policy);
    assertThat(r.times()).singleElement().satisfies(t -> assertThat(t.time()).isEqualTo(
        Instant.ofEpochSecond(1_760_000_000L)));
    verifier.verify(bundle, Artifact.ofDigest(Digest.sha256(blob).toString()), policy);
    assertThatThrownBy(() -> verifier.verify(bundle, Artifact.of(blob), policy.expectingPayloadType("x")))
        .hasMessageContaining("holds a message signature, but the policy expects a DSSE x envelope");
    KeyPair other = ec();
    assertThatThrownBy(() -> verifier.verify(bundle, Artifact.of(blob), VerificationPolicy.forKey(other.getPublic())))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TLOG_ENTRY))
        .hasMessageContaining("records another public key than the verification key");
    assertThatThrownBy(() -> Artifact.ofDigest("sha256:XYZ")).hasMessageContaining("is not sha256:, sha384: or sha512:");
  }

  @Test
  void v01BundlesNeedOnlyTheSetLaterVersionsTheProof() throws Exception {
    KeyPair key = ec();
    byte[] blob = "v0.1 era artifact".getBytes(StandardCharsets.UTF_8);
    byte[] sig = sign(key, blob);
    TestLog log = TestLog.rekorV1("rekor.example.dev");
    int index = log.append(Bodies.hashedRekordV001(ReferenceMerkle.sha256(blob), sig,
        Bodies.pem("PUBLIC KEY", key.getPublic().getEncoded())));
    ObjectNode entry = log.entry(index, "hashedrekord", "0.0.1", 1_650_000_000L, 0);
    entry.remove("inclusionProof");
    VerificationMaterial vm = VerificationMaterial.publicKey("").withTlogEntries(List.of(entry));
    MessageSignature ms = MessageSignature.of(Digest.sha256(blob), sig);
    TrustedRoot root = new TrustedRoot("", List.of(log.trusted(T0.minusSeconds(400_000_000L))), List.of(), List.of(),
        List.of());
    SigstoreVerifier verifier = new SigstoreVerifier(root);
    VerificationPolicy policy = VerificationPolicy.forKey(key.getPublic());
    verifier.verify(new SigstoreBundle(SigstoreBundle.MEDIA_TYPE_V01, vm, null, ms), Artifact.of(blob), policy);
    assertThatThrownBy(() -> verifier.verify(SigstoreBundle.ofMessageSignature(vm, ms), Artifact.of(blob), policy))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.INCLUSION_PROOF))
        .hasMessage("inclusion proof: tlog entry 0 (hashedrekord/0.0.1) has no inclusion proof");
  }

  @Test
  void ed25519KeysVerifyPureAndPrehashedSignatures() throws Exception {
    dev.signet.crypto.keys.PrivateKeyHandle handle = dev.signet.crypto.keys.KeyGenerator.generate(
        dev.signet.crypto.SignatureAlgorithm.ED25519, new java.security.SecureRandom());
    byte[] blob = "ed25519 artifact".getBytes(StandardCharsets.UTF_8);
    byte[] pure = dev.signet.crypto.Signers.from(handle).sign(blob);
    byte[] ph = dev.signet.crypto.Signers.from(handle, dev.signet.crypto.SignatureAlgorithm.ED25519PH).sign(blob);
    SigstoreVerifier verifier = new SigstoreVerifier(TrustedRoot.empty());
    VerificationPolicy policy = VerificationPolicy.forKey(handle.publicKey()).ignoringTlog();
    Digest digest = Digest.of("sha512", blob);
    for (byte[] sig : List.of(pure, ph)) {
      SigstoreBundle b = SigstoreBundle.ofMessageSignature(VerificationMaterial.publicKey(""),
          MessageSignature.of(digest, sig));
      verifier.verify(b, Artifact.of(blob), policy);
      verifier.verify(LegacySignature.of(blob, sig), Artifact.of(blob), policy);
    }
    // from a digest alone only Ed25519ph can be checked (pure Ed25519 signs the whole message)
    SigstoreBundle prehashed = SigstoreBundle.ofMessageSignature(VerificationMaterial.publicKey(""),
        MessageSignature.of(digest, ph));
    verifier.verify(prehashed, Artifact.ofDigest(digest.toString()), policy);
    SigstoreBundle pureBundle = SigstoreBundle.ofMessageSignature(VerificationMaterial.publicKey(""),
        MessageSignature.of(digest, pure));
    assertThatThrownBy(() -> verifier.verify(pureBundle, Artifact.ofDigest(digest.toString()), policy))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SIGNATURE));
    assertThatThrownBy(() -> verifier.verify(prehashed, Artifact.ofDigest(Digest.sha256(blob).toString()), policy))
        .hasMessageContaining("the key signs SHA-512 digests but only a sha256 digest was given");
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static byte[] sign(KeyPair key, byte[] data) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(data);
    return s.sign();
  }

  private static String cosignature(String name, KeyPair key, String text) throws Exception {
    long ts = 1_760_000_100L;
    byte[] raw = Arrays.copyOfRange(key.getPublic().getEncoded(), 12, 44);
    byte[] keyId = Arrays.copyOf(ReferenceMerkle.sha256((name + "\n").getBytes(StandardCharsets.UTF_8),
        new byte[] {4}, raw), 4);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key.getPrivate());
    s.update(("cosignature/v1\ntime " + ts + "\n" + text).getBytes(StandardCharsets.UTF_8));
    byte[] sig = s.sign();
    return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(
        ByteBuffer.allocate(4 + 8 + sig.length).put(keyId).putLong(ts).put(sig).array());
  }
}
