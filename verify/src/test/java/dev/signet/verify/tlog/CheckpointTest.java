package dev.signet.verify.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.testing.sigstore.TestLog;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.testkit.Trust;
import dev.signet.verify.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  @Test
  void c2spSignedNoteExampleVerifies() throws Exception {
    NoteVerifier v = NoteVerifier.parseVkey("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    SignedNote note = SignedNote.parse("If you think cryptography is the answer to your problem,\n"
        + "then you don't know what your problem is.\n\n"
        + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n");
    assertThat(note.signatures()).hasSize(1);
    assertThat(v.matches(note.signatures().get(0))).isTrue();
    assertThat(HexFormat.of().formatHex(v.keyId())).isEqualTo("c74f20a3");
    v.verify(note.textBytes(), note.signatures().get(0));
    byte[] altered = note.text().replace("answer", "ANSWER").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> v.verify(altered, note.signatures().get(0)))
        .hasMessageStartingWith("checkpoint: signature by PeterNeumann (key id c74f20a3) does not verify");
    assertThatThrownBy(() -> NoteVerifier.parseVkey("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessageContaining("does not match the key");
  }

  @Test
  void publicGoodRekorCheckpointVerifiesWithItsEcdsaKey() throws Exception {
    Path dir = Vectors.dir("cosign/bundles");
    TrustedRoot root = TrustedRootParser.parse(Vectors.read(dir.resolve("trusted_root_pgi.json")));
    JsonNode bundle = new ObjectMapper().readTree(Vectors.read(dir.resolve("oci-attestation.sigstore.json")));
    String envelope = bundle.at("/verificationMaterial/tlogEntries/0/inclusionProof/checkpoint/envelope").asText();
    TransparencyLog rekor = root.tlogs().get(0);
    VerifiedCheckpoint cp = CheckpointVerifier.verify(envelope, rekor, WitnessPolicy.none());
    assertThat(cp.keyName()).isEqualTo("rekor.sigstore.dev");
    assertThat(cp.checkpoint().origin()).isEqualTo("rekor.sigstore.dev - 1193050959916656506");
    assertThat(cp.checkpoint().size()).isEqualTo(53604735L);
    assertThat(Base64.getEncoder().encodeToString(cp.checkpoint().rootHash()))
        .isEqualTo("nd/V1IEweXlu0reIQGaGK1d51xW4Rj8fUyTrmcUkrMY=");
    // the v1 key hint is the first four bytes of the log id (SHA-256 of the SPKI)
    assertThat(NoteVerifier.forLog("rekor.sigstore.dev", rekor.key()).keyId())
        .isEqualTo(Arrays.copyOf(rekor.logId(), 4));
    String forged = envelope.replace("53604735", "53604736");
    assertThatThrownBy(() -> CheckpointVerifier.verify(forged, rekor, WitnessPolicy.none()))
        .hasMessageStartingWith("checkpoint: signature by rekor.sigstore.dev");
  }

  @Test
  void rekorV2Ed25519CheckpointBindsTheNameThroughTheLogId() throws Exception {
    TestLog log = TestLog.rekorV2("log2025-1.example.dev");
    log.appendFiller(5);
    TransparencyLog trusted = Trust.tlog(log, T0);
    VerifiedCheckpoint cp = CheckpointVerifier.verify(log.checkpoint(), trusted, WitnessPolicy.none());
    assertThat(cp.checkpoint().size()).isEqualTo(5);
    assertThat(cp.checkpoint().rootHash()).isEqualTo(log.tree().root(5));
    // the full C2SP key id of the name is the Rekor v2 log id
    assertThat(NoteVerifier.ed25519("log2025-1.example.dev", log.keys().getPublic()).fullKeyId())
        .isEqualTo(trusted.logId());
    // trusted under another URL, the name still binds through the log id
    TransparencyLog elsewhere = new TransparencyLog("https://mirror.example", trusted.logId(), trusted.key(),
        trusted.keyDetails(), trusted.validFor());
    CheckpointVerifier.verify(log.checkpoint(), elsewhere, WitnessPolicy.none());
    // signed by the log key under another name: neither the host nor the name the log id was made from
    String renamed = log.checkpoint(log.origin(), 5, log.tree().root(5), "other.example.dev");
    assertThatThrownBy(() -> CheckpointVerifier.verify(renamed, trusted, WitnessPolicy.none()))
        .hasMessageContaining("the log key signed as \"other.example.dev\", which is not the host of"
            + " https://log2025-1.example.dev");
    // a line under the log's name whose key id is not the log key's is not the log's
    String foreign = log.checkpoint().replace("\u2014 log2025-1.example.dev ", "\u2014 log2025-1.example.dev AAAA");
    assertThatThrownBy(() -> CheckpointVerifier.verify(foreign, trusted, WitnessPolicy.none()))
        .hasMessageContaining("carries no signature by the key of log https://log2025-1.example.dev");
    String wrongOrigin = log.checkpoint("log2025-2.example.dev", 5, log.tree().root(5), log.name());
    assertThatThrownBy(() -> CheckpointVerifier.verify(wrongOrigin, trusted, WitnessPolicy.none()))
        .hasMessage("checkpoint: checkpoint origin \"log2025-2.example.dev\" does not match the log's key name"
            + " \"log2025-1.example.dev\"");
  }

  @Test
  void ecdsaCheckpointMustBeSignedAsTheLogHost() throws Exception {
    TestLog log = TestLog.rekorV1("rekor.example.dev");
    log.appendFiller(3);
    TransparencyLog trusted = Trust.tlog(log, T0);
    CheckpointVerifier.verify(log.checkpoint(), trusted, WitnessPolicy.none());
    String misnamed = log.checkpoint(log.origin(), 3, log.tree().root(3), "evil.example");
    assertThatThrownBy(() -> CheckpointVerifier.verify(misnamed, trusted, WitnessPolicy.none()))
        .hasMessageContaining("the log key signed as \"evil.example\", which is not the host of https://rekor.example.dev");
    String badOrigin = log.checkpoint("rekor.example.dev - 12x", 3, log.tree().root(3), log.name());
    assertThatThrownBy(() -> CheckpointVerifier.verify(badOrigin, trusted, WitnessPolicy.none()))
        .hasMessageContaining("does not match the log's key name");
  }

  @Test
  void witnessCosignaturesCountAgainstThePolicy() throws Exception {
    TestLog log = TestLog.rekorV2("log.example.dev");
    log.appendFiller(7);
    TransparencyLog trusted = Trust.tlog(log, T0);
    KeyPair w1 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair w2 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String signed = log.checkpoint();
    String text = signed.substring(0, signed.lastIndexOf("\n\n") + 1);
    String withCosigs = signed + TestLog.cosignature("witness.one", w1, text, 1_700_000_000L) + "\n"
        + TestLog.cosignature("witness.stranger", stranger, text, 1_700_000_001L) + "\n";
    NoteVerifier v1 = NoteVerifier.cosignature("witness.one", w1.getPublic());
    NoteVerifier v2 = NoteVerifier.cosignature("witness.two", w2.getPublic());
    VerifiedCheckpoint cp = CheckpointVerifier.verify(withCosigs, trusted, new WitnessPolicy(List.of(v1, v2), 1));
    assertThat(cp.witnesses()).containsExactly("witness.one");
    assertThatThrownBy(() -> CheckpointVerifier.verify(withCosigs, trusted, new WitnessPolicy(List.of(v1, v2), 2)))
        .hasMessage("checkpoint: checkpoint has 1 verified witness cosignatures, the policy needs 2 of 2");
    // a cosignature over another text (other timestamp claimed) by a known witness rejects the checkpoint
    String forged = signed + TestLog.cosignature("witness.one", w1, text, 1_700_000_000L)
        .replace("\u2014 witness.one ", "\u2014 witness.one ") + "\n";
    String tampered = flipLastSignatureByte(forged);
    assertThatThrownBy(() -> CheckpointVerifier.verify(tampered, trusted, new WitnessPolicy(List.of(v1), 0)))
        .hasMessageStartingWith("checkpoint: signature by witness.one");
  }

  @Test
  void laterCheckpointsMustBeConsistentWithEarlierOnes() throws Exception {
    TestLog log = TestLog.rekorV2("log.example.dev");
    log.appendFiller(10);
    VerifiedCheckpoint ten = CheckpointVerifier.verify(log.checkpoint(), Trust.tlog(log, T0), WitnessPolicy.none());
    log.appendFiller(7);
    VerifiedCheckpoint seventeen = CheckpointVerifier.verify(log.checkpoint(), Trust.tlog(log, T0), WitnessPolicy.none());
    List<byte[]> proof = log.tree().consistencyProof(10, 17);
    CheckpointVerifier.verifyConsistency(ten.checkpoint(), seventeen.checkpoint(), proof);
    CheckpointVerifier.verifyConsistency(ten.checkpoint(), ten.checkpoint(), List.of());
    List<byte[]> bad = new java.util.ArrayList<>(proof);
    bad.set(0, new byte[32]);
    assertThatThrownBy(() -> CheckpointVerifier.verifyConsistency(ten.checkpoint(), seventeen.checkpoint(), bad))
        .hasMessageStartingWith("checkpoint: checkpoint \"log.example.dev\" at size 17 is not consistent with size 10:");
    assertThatThrownBy(() -> CheckpointVerifier.verifyConsistency(seventeen.checkpoint(), ten.checkpoint(), proof))
        .hasMessageContaining("smaller than the earlier size");
    Checkpoint other = new Checkpoint("log.other.dev", 17, seventeen.checkpoint().rootHash(), List.of());
    assertThatThrownBy(() -> CheckpointVerifier.verifyConsistency(ten.checkpoint(), other, proof))
        .hasMessageContaining("are of different logs");
  }

  @Test
  void malformedNotesAreRejectedWithTheReason() {
    String sig = "\u2014 a.example AAAAAAAA\n";
    assertThatThrownBy(() -> SignedNote.parse("o\n1\nroot\n" + sig)).hasMessageContaining("no blank line");
    assertThatThrownBy(() -> SignedNote.parse("o\n1\n\n\u2014 a.example AAAAAAAA")).hasMessageContaining("newline");
    assertThatThrownBy(() -> SignedNote.parse("o\u0001\n\n" + sig)).hasMessageContaining("control character 0x1");
    assertThatThrownBy(() -> SignedNote.parse("o\n\n- a.example AAAAAAAA\n")).hasMessageContaining("em dash");
    assertThatThrownBy(() -> SignedNote.parse("o\n\n\u2014 a.example !!!!\n")).hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> SignedNote.parse("o\n\n\u2014 a.example AAAA\n")).hasMessageContaining("shorter");
    assertThatThrownBy(() -> SignedNote.parse("o\n\n")).hasMessageContaining("no signature lines");
    String root = Base64.getEncoder().encodeToString(new byte[32]);
    assertThatThrownBy(() -> Checkpoint.parse("o\n01\n" + root + "\n")).hasMessageContaining("leading zeros");
    assertThatThrownBy(() -> Checkpoint.parse("o\n1\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n"))
        .hasMessageContaining("31 bytes");
    assertThatThrownBy(() -> Checkpoint.parse("\n1\n" + root + "\n")).hasMessageContaining("origin is empty");
    assertThatThrownBy(() -> Checkpoint.parse("o\n1\n")).hasMessageContaining("needs origin, size and root hash");
    assertThatThrownBy(() -> Checkpoint.parse("o\n1\n" + root + "\n\n")).hasMessageContaining("empty extension");
    try {
      Checkpoint c = Checkpoint.parse("o\n0\n" + root + "\nTimestamp: 1\n");
      assertThat(c.extensions()).containsExactly("Timestamp: 1");
      assertThat(c.size()).isZero();
    } catch (VerificationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void signatureLinesInAnyOrderAndUnknownOnesAreIgnored() throws Exception {
    TestLog log = TestLog.rekorV1("rekor.example.dev");
    log.appendFiller(2);
    String signed = log.checkpoint();
    int split = signed.lastIndexOf("\n\n") + 2;
    String unknown = "\u2014 somebody.else " + Base64.getEncoder().encodeToString(new byte[40]) + "\n";
    String reordered = signed.substring(0, split) + unknown + signed.substring(split);
    VerifiedCheckpoint cp = CheckpointVerifier.verify(reordered, Trust.tlog(log, T0), WitnessPolicy.none());
    assertThat(cp.keyName()).isEqualTo("rekor.example.dev");
    assertThatThrownBy(() -> CheckpointVerifier.verify(reordered.replace("\n2\n", "\n3\n"), Trust.tlog(log, T0),
        WitnessPolicy.none())).isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.check()).isEqualTo(Check.CHECKPOINT));
  }

  private static String flipLastSignatureByte(String note) {
    String[] lines = note.split("\n", -1);
    String last = lines[lines.length - 2];
    int space = last.lastIndexOf(' ');
    byte[] raw = Base64.getDecoder().decode(last.substring(space + 1));
    raw[raw.length - 1] ^= 1;
    lines[lines.length - 2] = last.substring(0, space + 1) + Base64.getEncoder().encodeToString(raw);
    return String.join("\n", lines);
  }

  @Test
  void aVerifierKeyWhoseBase64ContainsAPlusParses() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("Ed25519");
    for (int tries = 0; tries < 1000; tries++) {
      byte[] spki = g.generateKeyPair().getPublic().getEncoded();
      byte[] raw = new byte[33];
      raw[0] = 0x01;
      System.arraycopy(spki, spki.length - 32, raw, 1, 32);
      String b64 = java.util.Base64.getEncoder().encodeToString(raw);
      if (!b64.contains("+")) {
        continue;
      }
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update("log.example\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update(raw);
      String id = HexFormat.of().formatHex(java.util.Arrays.copyOf(sha.digest(), 4));
      NoteVerifier v = NoteVerifier.parseVkey("log.example+" + id + "+" + b64);
      assertThat(HexFormat.of().formatHex(v.keyId())).isEqualTo(id);
      return;
    }
    throw new AssertionError("no Ed25519 key with a '+' in its base64 in 1000 tries");
  }
}
