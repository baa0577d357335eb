package dev.signet.verify.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.payload.DsseEnvelope;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.ValidityWindow;
import dev.signet.verify.testkit.Bodies;
import dev.signet.verify.testkit.ReferenceMerkle;
import dev.signet.verify.testkit.TestLog;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entries of an in-memory log built from the specs: every step of TlogVerifier accepts and rejects. */
class TlogVerifierTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final long INTEGRATED = 1_750_000_000L;

  private KeyPair signer;
  private byte[] artifact;
  private byte[] signature;

  @BeforeEach
  void sign() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    signer = g.generateKeyPair();
    artifact = "the artifact".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(signer.getPrivate());
    s.update(artifact);
    signature = s.sign();
  }

  private SignedContent content() {
    return SignedContent.message(signature, null, signer.getPublic().getEncoded(), artifact);
  }

  private byte[] v1Body() {
    return Bodies.hashedRekordV001(ReferenceMerkle.sha256(artifact), signature,
        Bodies.pem("PUBLIC KEY", signer.getPublic().getEncoded()));
  }

  @Test
  void rekorV1EntryInAShardedLogVerifies() throws Exception {
    TestLog log = TestLog.rekorV1("rekor.example.dev");
    log.appendFiller(6);
    int index = log.append(v1Body());
    log.appendFiller(13);
    TlogEntry entry = TlogEntry.fromJson(log.entry(index, "hashedrekord", "0.0.1", INTEGRATED, 4_163_431));
    assertThat(entry.logIndex()).isEqualTo(index + 4_163_431L);
    VerifiedLogEntry v = new TlogVerifier(List.of(log.trusted(T0)), WitnessPolicy.none()).verify(entry, content(), true);
    assertThat(v.integratedTime()).contains(Instant.ofEpochSecond(INTEGRATED));
    assertThat(v.logIndex()).isEqualTo(index + 4_163_431L);
    assertThat(v.checkpoint().orElseThrow().checkpoint().size()).isEqualTo(20);
  }

  @Test
  void rekorV2EntryUsesTheTopLevelIndexAndHasNoTime() throws Exception {
    TestLog log = TestLog.rekorV2("log2025-1.example.dev");
    log.appendFiller(40);
    byte[] body = Bodies.hashedRekordV002(ReferenceMerkle.sha256(artifact), signature, "publicKey",
        signer.getPublic().getEncoded());
    int index = log.append(body);
    log.appendFiller(3);
    ObjectNode json = log.entry(index, "hashedrekord", "0.0.2", 0, 0);
    ((ObjectNode) json.get("inclusionProof")).put("logIndex", "0").put("rootHash", "AAAA").put("treeSize", "1");
    TlogEntry entry = TlogEntry.fromJson(json);
    VerifiedLogEntry v = new TlogVerifier(List.of(log.trusted(T0)), WitnessPolicy.none()).verify(entry, content(), true);
    assertThat(v.integratedTime()).isEmpty();
    assertThat(v.checkpoint().orElseThrow().keyName()).isEqualTo("log2025-1.example.dev");
    json.put("logIndex", Integer.toString(index + 1));
    assertThatThrownBy(() -> new TlogVerifier(List.of(log.trusted(T0)), WitnessPolicy.none())
        .verify(TlogEntry.fromJson(json), content(), true))
        .hasMessageStartingWith("inclusion proof: tlog entry " + (index + 1) + " (hashedrekord/0.0.2): root hash"
            + " mismatch at size 44 for leaf " + (index + 1));
  }

  @Test
  void dsseLoggedAsRekorV2EntriesChecksThePayloadHash() throws Exception {
    TestLog log = TestLog.rekorV2("log.example.dev");
    byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] pae = DsseEnvelope.pae("application/vnd.in-toto+json", payload);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(signer.getPrivate());
    s.update(pae);
    byte[] sig = s.sign();
    DsseEnvelope env = new DsseEnvelope("application/vnd.in-toto+json", payload,
        List.of(new DsseEnvelope.Signature(null, sig)));
    SignedContent content = SignedContent.dsse(env, sig, null, signer.getPublic().getEncoded());
    int a = log.append(Bodies.dsseV002(ReferenceMerkle.sha256(payload), sig, "publicKey", signer.getPublic().getEncoded()));
    int b = log.append(Bodies.hashedRekordV002(ReferenceMerkle.sha256(pae), sig, "publicKey",
        signer.getPublic().getEncoded()));
    TlogVerifier verifier = new TlogVerifier(List.of(log.trusted(T0)), WitnessPolicy.none());
    verifier.verify(TlogEntry.fromJson(log.entry(a, "dsse", "0.0.2", 0, 0)), content, true);
    verifier.verify(TlogEntry.fromJson(log.entry(b, "hashedrekord", "0.0.2", 0, 0)), content, true);
    int c = log.append(Bodies.dsseV002(ReferenceMerkle.sha256(pae), sig, "publicKey", signer.getPublic().getEncoded()));
    assertThatThrownBy(() -> verifier.verify(TlogEntry.fromJson(log.entry(c, "dsse", "0.0.2", 0, 0)), content, true))
        .hasMessageContaining("payloadHash").hasMessageContaining("differs from the signed content's");
    // a message signature cannot be what a dsse entry records
    assertThatThrownBy(() -> verifier.verify(TlogEntry.fromJson(log.entry(a, "dsse", "0.0.2", 0, 0)), content(), true))
        .hasMessageContaining("cannot record a message signature");
  }

  @Test
  void eachStepRejectsWithItsCheck() throws Exception {
    TestLog log = TestLog.rekorV1("rekor.example.dev");
    log.appendFiller(2);
    int index = log.append(v1Body());
    log.appendFiller(2);
    TransparencyLog trusted = log.trusted(T0);
    TlogVerifier verifier = new TlogVerifier(List.of(trusted), WitnessPolicy.none());
    ObjectNode good = log.entry(index, "hashedrekord", "0.0.1", INTEGRATED, 0);

    ObjectNode noProof = good.deepCopy();
    noProof.remove("inclusionProof");
    assertRejected(verifier, noProof, content(), Check.INCLUSION_PROOF, "has no inclusion proof");
    // cosign's Rekor bundle annotation carries only the SET: accepted where no proof is required
    assertThat(verifier.verify(TlogEntry.fromJson(noProof), content(), false).integratedTime()).isPresent();

    ObjectNode size = good.deepCopy();
    ((ObjectNode) size.get("inclusionProof")).put("treeSize", "6");
    assertRejected(verifier, size, content(), Check.INCLUSION_PROOF, "the proof's tree size 6 differs from the"
        + " checkpoint's size 5");

    ObjectNode rootHash = good.deepCopy();
    ((ObjectNode) rootHash.get("inclusionProof")).put("rootHash", Base64.getEncoder().encodeToString(new byte[32]));
    assertRejected(verifier, rootHash, content(), Check.INCLUSION_PROOF, "differs from the checkpoint's");

    ObjectNode time = good.deepCopy();
    time.put("integratedTime", Long.toString(INTEGRATED + 1));
    assertRejected(verifier, time, content(), Check.TLOG_ENTRY, "the signed entry timestamp does not verify");

    TlogVerifier future = new TlogVerifier(List.of(new TransparencyLog(trusted.baseUrl(), trusted.logId(),
        trusted.key(), trusted.keyDetails(), ValidityWindow.from(Instant.ofEpochSecond(INTEGRATED + 1)))),
        WitnessPolicy.none());
    assertRejected(future, good, content(), Check.TLOG_ENTRY, "is outside the validity");
    TlogVerifier ended = new TlogVerifier(List.of(new TransparencyLog(trusted.baseUrl(), trusted.logId(),
        trusted.key(), trusted.keyDetails(), new ValidityWindow(T0, Optional.of(Instant.ofEpochSecond(INTEGRATED))))),
        WitnessPolicy.none());
    ended.verify(TlogEntry.fromJson(good), content(), true); // the end is inclusive

    ObjectNode unknownLog = good.deepCopy();
    ((ObjectNode) unknownLog.get("logId")).put("keyId", Base64.getEncoder().encodeToString(new byte[32]));
    assertRejected(verifier, unknownLog, content(), Check.TLOG_ENTRY, "is not a transparency log of the trusted root");

    ObjectNode kind = good.deepCopy();
    ((ObjectNode) kind.get("kindVersion")).put("version", "0.0.2");
    assertRejected(verifier, kind, content(), Check.TLOG_ENTRY, "the body is hashedrekord/0.0.1, not the entry's"
        + " kindVersion");

    ObjectNode noSetNoProof = good.deepCopy();
    noSetNoProof.remove("inclusionProof");
    noSetNoProof.remove("inclusionPromise");
    assertThatThrownBy(() -> verifier.verify(TlogEntry.fromJson(noSetNoProof), content(), false))
        .hasMessageContaining("neither a signed entry timestamp nor an inclusion proof");

    ObjectNode setless = good.deepCopy();
    setless.remove("inclusionPromise");
    assertThat(verifier.verify(TlogEntry.fromJson(setless), content(), true).integratedTime())
        .as("without a SET the integrated time is not trusted").isEmpty();

    byte[] otherArtifact = "another artifact".getBytes(StandardCharsets.UTF_8);
    assertRejected(verifier, good, SignedContent.message(signature, null, signer.getPublic().getEncoded(),
        otherArtifact), Check.TLOG_ENTRY, "data.hash");
    byte[] otherSig = signature.clone();
    otherSig[otherSig.length - 1] ^= 1;
    assertRejected(verifier, good, SignedContent.message(otherSig, null, signer.getPublic().getEncoded(), artifact),
        Check.TLOG_ENTRY, "signature.content differs from the bundle's signature");
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] otherKey = g.generateKeyPair().getPublic().getEncoded();
    assertRejected(verifier, good, SignedContent.message(signature, null, otherKey, artifact),
        Check.TLOG_ENTRY, "records another public key");
    assertRejected(verifier, good, SignedContent.message(signature, new byte[] {1, 2}, otherKey, artifact),
        Check.TLOG_ENTRY, "records a public key, but the signature comes with a certificate");
    assertRejected(verifier, good, SignedContent.message(signature, null, signer.getPublic().getEncoded(),
        alg -> Optional.empty()), Check.TLOG_ENTRY, "uses a hash the artifact digest was not given in");
  }

  @Test
  void entryJsonAcceptsNumbersAndStringsAndNamesBadFields() throws Exception {
    TestLog log = TestLog.rekorV1("rekor.example.dev");
    int index = log.append(v1Body());
    ObjectNode json = log.entry(index, "hashedrekord", "0.0.1", INTEGRATED, 0);
    json.put("integratedTime", INTEGRATED);
    json.put("logIndex", 0);
    assertThat(TlogEntry.fromJson(json).integratedTime()).isEqualTo(INTEGRATED);
    json.put("logIndex", "-1");
    assertThatThrownBy(() -> TlogEntry.fromJson(json)).hasMessage("format: tlog entry logIndex is not a non-negative"
        + " integer: \"-1\"");
    json.put("logIndex", "0");
    json.put("canonicalizedBody", "%%%");
    assertThatThrownBy(() -> TlogEntry.fromJson(json)).hasMessage("format: tlog entry 0 canonicalizedBody is not"
        + " valid base64");
    json.remove("kindVersion");
    assertThatThrownBy(() -> TlogEntry.fromJson(json)).hasMessageContaining("lacks kindVersion");
  }

  private static void assertRejected(TlogVerifier v, ObjectNode json, SignedContent content, Check check,
      String message) {
    assertThatThrownBy(() -> v.verify(TlogEntry.fromJson(json), content, true))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(check))
        .hasMessageContaining(message);
  }
}
