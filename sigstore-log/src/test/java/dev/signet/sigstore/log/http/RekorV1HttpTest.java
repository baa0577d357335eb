package dev.signet.sigstore.log.http;

import static dev.signet.sigstore.log.http.LogServerFixture.json;
import static dev.signet.sigstore.log.http.LogServerFixture.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.payload.DsseEnvelope;
import dev.signet.sigstore.log.LogInfo;
import dev.signet.testing.sigstore.RekorBodies;
import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.VerificationException;
import dev.signet.verify.tlog.Checkpoint;
import dev.signet.verify.tlog.CheckpointVerifier;
import dev.signet.verify.tlog.SignedContent;
import dev.signet.verify.tlog.TlogEntry;
import dev.signet.verify.tlog.TlogVerifier;
import dev.signet.verify.tlog.VerifiedLogEntry;
import dev.signet.verify.tlog.WitnessPolicy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RekorV1HttpTest {
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final HexFormat HEX = HexFormat.of();

  @TempDir
  Path dir;

  LogServerFixture fx;
  TlogVerifier verifier;

  @BeforeEach
  void start() throws Exception {
    fx = new LogServerFixture(dir);
    verifier = new TlogVerifier(List.of(LogServerFixture.trusted(fx.logs.v1Info(), fx.baseUrl)), WitnessPolicy.none());
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  static byte[] hashedRekord(byte[] digest, byte[] sig, String pem) {
    ObjectNode root = LogServerFixture.JSON.createObjectNode().put("kind", "hashedrekord").put("apiVersion", "0.0.1");
    ObjectNode spec = root.putObject("spec");
    spec.putObject("signature").put("content", B64.encodeToString(sig)).putObject("publicKey")
        .put("content", B64.encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
    spec.putObject("data").putObject("hash").put("algorithm", "sha256").put("value", HEX.formatHex(digest));
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Rekor v1 REST {@code LogEntry} → bundle {@code TransparencyLogEntry} (reference §5.2 mapping). */
  static TlogEntry toBundleEntry(JsonNode logEntry) throws Exception {
    return TlogEntry.fromJson(toBundleJson(logEntry));
  }

  static ObjectNode toBundleJson(JsonNode logEntry) throws Exception {
    JsonNode e = logEntry.elements().next();
    JsonNode body = LogServerFixture.JSON.readTree(Base64.getDecoder().decode(e.path("body").asText()));
    ObjectNode t = LogServerFixture.JSON.createObjectNode().put("logIndex", e.path("logIndex").asText())
        .put("integratedTime", e.path("integratedTime").asText())
        .put("canonicalizedBody", e.path("body").asText());
    t.putObject("logId").put("keyId", B64.encodeToString(HEX.parseHex(e.path("logID").asText())));
    t.putObject("kindVersion").put("kind", body.path("kind").asText()).put("version", body.path("apiVersion").asText());
    t.putObject("inclusionPromise").put("signedEntryTimestamp", e.path("verification").path("signedEntryTimestamp").asText());
    JsonNode p = e.path("verification").path("inclusionProof");
    ObjectNode q = t.putObject("inclusionProof").put("logIndex", p.path("logIndex").asText())
        .put("treeSize", p.path("treeSize").asText())
        .put("rootHash", B64.encodeToString(HEX.parseHex(p.path("rootHash").asText())));
    var hashes = q.putArray("hashes");
    p.path("hashes").forEach(h -> hashes.add(B64.encodeToString(HEX.parseHex(h.asText()))));
    q.putObject("checkpoint").put("envelope", p.path("checkpoint").asText());
    return t;
  }

  @Test
  void aHashedRekordIsLoggedWithSetAndProofThatVerify() throws Exception {
    TestPki.Issued leaf = TestPki.cert().subject("CN=v1 signer").build();
    byte[] artifact = "v1 artifact".getBytes(StandardCharsets.UTF_8);
    byte[] sig = TestPki.sign(leaf.key(), artifact);
    // submitted with CRLF and 76-column PEM; the log re-encodes it Go-style
    String pem = "-----BEGIN CERTIFICATE-----\r\n" + Base64.getMimeEncoder().encodeToString(leaf.cert().getEncoded())
        + "\r\n-----END CERTIFICATE-----\r\n";
    HttpResponse<byte[]> r = fx.post("/api/v1/log/entries", hashedRekord(sha256(artifact), sig, pem));
    assertEquals(201, r.statusCode(), LogServerFixture.text(r));
    JsonNode resp = json(r);
    String entryId = resp.fieldNames().next();
    assertEquals(80, entryId.length());
    assertEquals(entryId, r.headers().firstValue("ETag").orElse(""));
    assertEquals("/api/v1/log/entries/" + entryId, r.headers().firstValue("Location").orElse(""));
    JsonNode e = resp.get(entryId);
    assertEquals(LogServerFixture.NOW.getEpochSecond(), e.path("integratedTime").asLong());
    assertEquals(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(fx.logs.v1Info().publicKey().getEncoded())),
        e.path("logID").asText(), "v1 log id = SHA-256 of the SPKI");
    byte[] body = Base64.getDecoder().decode(e.path("body").asText());
    assertArrayEquals(RekorBodies.hashedRekordV001(sha256(artifact), sig,
        RekorBodies.pem("CERTIFICATE", leaf.cert().getEncoded())), body);
    assertEquals(HEX.formatHex(sha256(concat(new byte[] {0}, body))), entryId.substring(16), "UUID = leaf hash");
    TlogEntry entry = toBundleEntry(resp);
    VerifiedLogEntry v = verifier.verify(entry, SignedContent.message(sig, leaf.cert().getEncoded(),
        leaf.key().getPublic().getEncoded(), artifact), true);
    assertEquals(LogServerFixture.NOW, v.integratedTime().orElseThrow());
    // a tampered integrated time breaks the SET
    TlogEntry forged = new TlogEntry(entry.logIndex(), entry.logId(), entry.kind(), entry.version(),
        entry.integratedTime() + 1, entry.signedEntryTimestamp(), entry.inclusionProof(), entry.body());
    assertThrows(VerificationException.class, () -> verifier.verify(forged, SignedContent.message(sig,
        leaf.cert().getEncoded(), leaf.key().getPublic().getEncoded(), artifact), true));
    // lookups by UUID (64 and 80 hex) and by index answer the same, verifiable entry
    for (String path : List.of("/api/v1/log/entries/" + entryId, "/api/v1/log/entries/" + entryId.substring(16),
        "/api/v1/log/entries?logIndex=0")) {
      HttpResponse<byte[]> g = fx.get(path);
      assertEquals(200, g.statusCode(), path + " " + LogServerFixture.text(g));
      verifier.verify(toBundleEntry(json(g)), SignedContent.message(sig, leaf.cert().getEncoded(),
          leaf.key().getPublic().getEncoded(), artifact), true);
    }
    assertEquals(404, fx.get("/api/v1/log/entries/" + "ab".repeat(32)).statusCode());
    assertEquals(400, fx.get("/api/v1/log/entries/xyz").statusCode());
    HttpResponse<byte[]> dup = fx.post("/api/v1/log/entries", hashedRekord(sha256(artifact), sig, pem));
    assertEquals(409, dup.statusCode());
    assertEquals("/api/v1/log/entries/" + entryId, dup.headers().firstValue("Location").orElse(""));
  }

  @Test
  void logInfoPublicKeyAndConsistencyProofs() throws Exception {
    KeyPair k = TestPki.ecKey();
    String pem = RekorBodies.pem("PUBLIC KEY", k.getPublic().getEncoded());
    List<String> heads = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] a = ("a" + i).getBytes(StandardCharsets.UTF_8);
      assertEquals(201, fx.post("/api/v1/log/entries", hashedRekord(sha256(a), TestPki.sign(k, a), pem)).statusCode());
      heads.add(json(fx.get("/api/v1/log")).path("signedTreeHead").asText());
    }
    JsonNode info = json(fx.get("/api/v1/log"));
    assertEquals(5, info.path("treeSize").asLong());
    assertEquals(Long.toString(fx.logs.treeId()), info.path("treeID").asText());
    LogInfo li = fx.logs.v1Info();
    var trusted = LogServerFixture.trusted(li, fx.baseUrl);
    Checkpoint last = CheckpointVerifier.verify(info.path("signedTreeHead").asText(), trusted, WitnessPolicy.none())
        .checkpoint();
    assertEquals("127.0.0.1 - " + fx.logs.treeId(), last.origin(), "Rekor v1 origin shape");
    assertEquals(info.path("rootHash").asText(), HEX.formatHex(last.rootHash()));
    for (String head : heads) {
      Checkpoint c = CheckpointVerifier.verify(head, trusted, WitnessPolicy.none()).checkpoint();
      JsonNode proof = json(fx.get("/api/v1/log/proof?firstSize=" + c.size() + "&lastSize=5"));
      List<byte[]> hashes = new ArrayList<>();
      proof.path("hashes").forEach(h -> hashes.add(HEX.parseHex(h.asText())));
      CheckpointVerifier.verifyConsistency(c, last, hashes);
    }
    assertEquals(400, fx.get("/api/v1/log/proof?firstSize=2&lastSize=9").statusCode());
    HttpResponse<byte[]> key = fx.get("/api/v1/log/publicKey");
    assertEquals("application/x-pem-file", key.headers().firstValue("Content-Type").orElse(""));
    assertEquals(RekorBodies.pem("PUBLIC KEY", li.publicKey().getEncoded()), LogServerFixture.text(key));
  }

  @Test
  void aDsseEntryIsLoggedAndVerifies() throws Exception {
    KeyPair k = TestPki.ecKey();
    byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
    String type = "application/vnd.in-toto+json";
    byte[] sig = TestPki.sign(k, RekorV2HttpTest.pae(type, payload));
    String envelope = LogServerFixture.JSON.writeValueAsString(Map.of("payload", B64.encodeToString(payload),
        "payloadType", type, "signatures", List.of(Map.of("sig", B64.encodeToString(sig), "keyid", ""))));
    ObjectNode root = LogServerFixture.JSON.createObjectNode().put("kind", "dsse").put("apiVersion", "0.0.1");
    ObjectNode pc = root.putObject("spec").putObject("proposedContent").put("envelope", envelope);
    pc.putArray("verifiers").add(B64.encodeToString(RekorBodies.pem("PUBLIC KEY", k.getPublic().getEncoded())
        .getBytes(StandardCharsets.US_ASCII)));
    HttpResponse<byte[]> r = fx.post("/api/v1/log/entries", root.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(201, r.statusCode(), LogServerFixture.text(r));
    TlogEntry e = toBundleEntry(json(r));
    assertArrayEquals(RekorBodies.dsseV001(sha256(envelope.getBytes(StandardCharsets.UTF_8)), sha256(payload), sig,
        RekorBodies.pem("PUBLIC KEY", k.getPublic().getEncoded())), e.body());
    DsseEnvelope env = new DsseEnvelope(type, payload, List.of(new DsseEnvelope.Signature("", sig)));
    verifier.verify(e, SignedContent.dsse(env, sig, null, k.getPublic().getEncoded()), true);
  }

  /** intoto 0.0.2 as cosign and sigstore-js propose it: envelope text fields base64-encoded once more. */
  static byte[] intoto(String type, byte[] payload, byte[] sig, String pem) throws Exception {
    String payloadB64 = B64.encodeToString(payload);
    String sigB64 = B64.encodeToString(sig);
    String envelopeJson = LogServerFixture.JSON.writeValueAsString(Map.of("payloadType", type, "payload", payloadB64,
        "signatures", List.of(Map.of("sig", sigB64, "keyid", ""))));
    ObjectNode root = LogServerFixture.JSON.createObjectNode().put("kind", "intoto").put("apiVersion", "0.0.2");
    ObjectNode content = root.putObject("spec").putObject("content");
    ObjectNode env = content.putObject("envelope").put("payloadType", type)
        .put("payload", B64.encodeToString(payloadB64.getBytes(StandardCharsets.US_ASCII)));
    env.putArray("signatures").addObject().put("sig", B64.encodeToString(sigB64.getBytes(StandardCharsets.US_ASCII)))
        .put("publicKey", B64.encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
    content.putObject("hash").put("algorithm", "sha256")
        .put("value", HEX.formatHex(sha256(envelopeJson.getBytes(StandardCharsets.UTF_8))));
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anIntotoEntryIsLoggedWithoutItsPayloadAndVerifies() throws Exception {
    TestPki.Issued leaf = TestPki.cert().subject("CN=attester").build();
    byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
    String type = "application/vnd.in-toto+json";
    byte[] sig = TestPki.sign(leaf.key(), RekorV2HttpTest.pae(type, payload));
    HttpResponse<byte[]> r = fx.post("/api/v1/log/entries", intoto(type, payload, sig, TestPki.pem(leaf.cert())));
    assertEquals(201, r.statusCode(), LogServerFixture.text(r));
    TlogEntry e = toBundleEntry(json(r));
    assertEquals("intoto", e.kind());
    assertEquals("0.0.2", e.version());
    JsonNode content = LogServerFixture.JSON.readTree(e.body()).path("spec").path("content");
    assertTrue(content.path("envelope").path("payload").isMissingNode(), "the payload is not stored");
    assertEquals(HEX.formatHex(sha256(payload)), content.path("payloadHash").path("value").asText());
    DsseEnvelope env = new DsseEnvelope(type, payload, List.of(new DsseEnvelope.Signature("", sig)));
    verifier.verify(e, SignedContent.dsse(env, sig, leaf.cert().getEncoded(), leaf.key().getPublic().getEncoded()), true);
    byte[] forged = TestPki.sign(TestPki.ecKey(), RekorV2HttpTest.pae(type, payload));
    assertEquals(400, fx.post("/api/v1/log/entries", intoto(type, payload, forged, TestPki.pem(leaf.cert())))
        .statusCode());
  }

  @Test
  void badEntriesAre400WithRekorsErrorBody() throws Exception {
    KeyPair k = TestPki.ecKey();
    String pem = RekorBodies.pem("PUBLIC KEY", k.getPublic().getEncoded());
    byte[] a = "a".getBytes(StandardCharsets.UTF_8);
    byte[] sig = TestPki.sign(k, a);
    List<byte[]> bad = List.of(
        hashedRekord(sha256(a), TestPki.sign(TestPki.ecKey(), a), pem),
        hashedRekord(sha256("b".getBytes(StandardCharsets.UTF_8)), sig, pem),
        hashedRekord(new byte[31], sig, pem),
        hashedRekord(sha256(a), sig, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
        hashedRekord(sha256(a), sig, "not pem"),
        "{\"kind\":\"rekord\",\"apiVersion\":\"0.0.1\",\"spec\":{}}".getBytes(StandardCharsets.UTF_8),
        "[]".getBytes(StandardCharsets.UTF_8));
    for (byte[] body : bad) {
      HttpResponse<byte[]> r = fx.post("/api/v1/log/entries", body);
      assertEquals(400, r.statusCode(), new String(body, StandardCharsets.UTF_8) + " -> " + LogServerFixture.text(r));
      assertEquals(400, json(r).path("code").asInt());
      assertTrue(json(r).path("message").asText().length() > 10);
    }
    assertEquals(0, fx.logs.v1().state().size());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
