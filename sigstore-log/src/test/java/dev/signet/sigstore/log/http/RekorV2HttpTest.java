package dev.signet.sigstore.log.http;

import static dev.signet.sigstore.log.http.LogServerFixture.json;
import static dev.signet.sigstore.log.http.LogServerFixture.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.payload.DsseEnvelope;
import dev.signet.sigstore.log.tiles.EntryBundle;
import dev.signet.sigstore.log.tiles.HashTile;
import dev.signet.sigstore.log.tiles.TilePaths;
import dev.signet.testing.sigstore.RekorBodies;
import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.tlog.Merkle;
import dev.signet.verify.tlog.SignedContent;
import dev.signet.verify.tlog.TlogEntry;
import dev.signet.verify.tlog.TlogVerifier;
import dev.signet.verify.tlog.VerifiedLogEntry;
import dev.signet.verify.tlog.WitnessPolicy;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RekorV2HttpTest {
  @TempDir
  Path dir;

  LogServerFixture fx;
  TlogVerifier verifier;

  @BeforeEach
  void start() throws Exception {
    fx = new LogServerFixture(dir);
    verifier = new TlogVerifier(List.of(LogServerFixture.trusted(fx.logs.v2Info(), fx.baseUrl)), WitnessPolicy.none());
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  private static final Base64.Encoder B64 = Base64.getEncoder();

  static byte[] hashedRekordRequest(byte[] digest, byte[] sig, String verifierField, byte[] der, String keyDetails) {
    ObjectNode root = LogServerFixture.JSON.createObjectNode();
    ObjectNode hr = root.putObject("hashedRekordRequestV002").put("digest", B64.encodeToString(digest));
    ObjectNode v = hr.putObject("signature").put("content", B64.encodeToString(sig)).putObject("verifier");
    v.putObject(verifierField).put("rawBytes", B64.encodeToString(der));
    v.put("keyDetails", keyDetails);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aCertificateHashedRekordIsLoggedAndVerifiesWithTheVerifyModule() throws Exception {
    TestPki.Issued leaf = TestPki.cert().subject("CN=signer").build();
    byte[] artifact = "hello, log".getBytes(StandardCharsets.UTF_8);
    byte[] sig = TestPki.sign(leaf.key(), artifact);
    byte[] der = leaf.cert().getEncoded();
    HttpResponse<byte[]> r = fx.post("/api/v2/log/entries",
        hashedRekordRequest(sha256(artifact), sig, "x509Certificate", der, "PKIX_ECDSA_P256_SHA_256"));
    assertEquals(201, r.statusCode(), LogServerFixture.text(r));
    JsonNode tle = json(r);
    assertEquals("hashedrekord", tle.path("kindVersion").path("kind").asText());
    assertEquals("0.0.2", tle.path("kindVersion").path("version").asText());
    assertTrue(tle.path("logIndex").isTextual(), "int64 as a JSON string");
    assertTrue(tle.path("integratedTime").isMissingNode(), "Rekor v2 has no integrated time");
    TlogEntry entry = TlogEntry.fromJson(tle);
    assertArrayEquals(RekorBodies.hashedRekordV002(sha256(artifact), sig, "x509Certificate", der), entry.body(),
        "the canonical body is byte-exact the reference recipe");
    VerifiedLogEntry v = verifier.verify(entry, SignedContent.message(sig, der, leaf.key().getPublic().getEncoded(),
        artifact), true);
    assertEquals(0, v.logIndex());
    assertTrue(v.checkpoint().isPresent());
  }

  @Test
  void aPublicKeyEntryAndItsTilesAreServed() throws Exception {
    KeyPair k = TestPki.ecKey();
    for (int i = 0; i < 3; i++) {
      byte[] artifact = ("artifact " + i).getBytes(StandardCharsets.UTF_8);
      byte[] sig = TestPki.sign(k, artifact);
      HttpResponse<byte[]> r = fx.post("/api/v2/log/entries", hashedRekordRequest(sha256(artifact), sig, "publicKey",
          k.getPublic().getEncoded(), "PKIX_ECDSA_P256_SHA_256"));
      assertEquals(201, r.statusCode(), LogServerFixture.text(r));
      TlogEntry e = TlogEntry.fromJson(json(r));
      verifier.verify(e, SignedContent.message(sig, null, k.getPublic().getEncoded(), artifact), true);
      assertEquals(i, e.logIndex());
    }
    HttpResponse<byte[]> cp = fx.get("/api/v2/checkpoint");
    assertEquals(200, cp.statusCode());
    assertTrue(cp.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertTrue(LogServerFixture.text(cp).startsWith("127.0.0.1\n3\n"), LogServerFixture.text(cp));
    HttpResponse<byte[]> bundle = fx.get("/api/v2/tile/entries/000.p/3");
    assertEquals(200, bundle.statusCode());
    List<byte[]> entries = EntryBundle.decode(bundle.body());
    HttpResponse<byte[]> tile = fx.get("/api/v2/tile/0/000.p/3");
    assertEquals(200, tile.statusCode());
    assertEquals("application/octet-stream", tile.headers().firstValue("Content-Type").orElse(""));
    HashTile t = HashTile.parse(tile.body(), 3);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(Merkle.leafHash(entries.get(i)), t.hashes().get(i));
    }
    assertEquals(404, fx.get("/api/v2/tile/0/000.p/4").statusCode(), "beyond the checkpoint");
    assertEquals(404, fx.get("/api/v2/" + TilePaths.tile(0, 0, 256)).statusCode());
    assertEquals(404, fx.get("/api/v2/tile/0/5").statusCode());
  }

  @Test
  void servedTilesMatchTheReferenceTreeBuiltFromServedEntryBundles() throws Exception {
    int n = 600;
    List<java.util.concurrent.CompletableFuture<?>> acks = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      acks.add(fx.logs.v2().append(("entry " + i).getBytes(StandardCharsets.UTF_8)));
    }
    for (var a : acks) {
      a.get();
    }
    dev.signet.testing.sigstore.ReferenceMerkle ref = new dev.signet.testing.sigstore.ReferenceMerkle();
    for (String b : List.of("tile/entries/000", "tile/entries/001", "tile/entries/002.p/88")) {
      HttpResponse<byte[]> r = fx.get("/api/v2/" + b);
      assertEquals(200, r.statusCode(), b);
      EntryBundle.decode(r.body()).forEach(ref::add);
    }
    assertEquals(n, ref.size());
    HashTile l1 = HashTile.parse(fx.get("/api/v2/tile/1/000.p/2").body(), 2);
    assertArrayEquals(ref.root(256), l1.hashes().get(0), "level-1 hash 0 = MTH of leaves 0..255");
    HashTile l0 = HashTile.parse(fx.get("/api/v2/tile/0/001").body(), 256);
    assertArrayEquals(ref.leafHash(300), l0.hashes().get(44));
    String cp = LogServerFixture.text(fx.get("/api/v2/checkpoint"));
    assertTrue(cp.startsWith("127.0.0.1\n600\n" + Base64.getEncoder().encodeToString(ref.root(600)) + "\n"), cp);
  }

  @Test
  void aDsseEntryIsLoggedAndVerifies() throws Exception {
    TestPki.Issued leaf = TestPki.cert().subject("CN=attester").build();
    byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
    String type = "application/vnd.in-toto+json";
    byte[] sig = TestPki.sign(leaf.key(), pae(type, payload));
    byte[] der = leaf.cert().getEncoded();
    ObjectNode root = LogServerFixture.JSON.createObjectNode();
    ObjectNode d = root.putObject("dsseRequestV002");
    ObjectNode env = d.putObject("envelope").put("payload", B64.encodeToString(payload)).put("payloadType", type);
    env.putArray("signatures").addObject().put("sig", B64.encodeToString(sig)).put("keyid", "");
    ObjectNode v = d.putArray("verifiers").addObject().put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
    v.putObject("x509Certificate").put("rawBytes", B64.encodeToString(der));
    HttpResponse<byte[]> r = fx.post("/api/v2/log/entries", root.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(201, r.statusCode(), LogServerFixture.text(r));
    TlogEntry e = TlogEntry.fromJson(json(r));
    assertArrayEquals(RekorBodies.dsseV002(sha256(payload), sig, "x509Certificate", der), e.body());
    DsseEnvelope envelope = new DsseEnvelope(type, payload, List.of(new DsseEnvelope.Signature("", sig)));
    verifier.verify(e, SignedContent.dsse(envelope, sig, der, leaf.key().getPublic().getEncoded()), true);
  }

  @Test
  void aDsseEnvelopeLoggedAsHashedRekordOverThePaeVerifies() throws Exception {
    // Rekor v2's way for DSSE (client spec §4.4): digest = SHA-256(PAE), signature = the envelope's
    TestPki.Issued leaf = TestPki.cert().subject("CN=attester").build();
    byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
    String type = "application/vnd.in-toto+json";
    byte[] pae = pae(type, payload);
    byte[] sig = TestPki.sign(leaf.key(), pae);
    byte[] der = leaf.cert().getEncoded();
    HttpResponse<byte[]> r = fx.post("/api/v2/log/entries",
        hashedRekordRequest(sha256(pae), sig, "x509Certificate", der, "PKIX_ECDSA_P256_SHA_256"));
    assertEquals(201, r.statusCode(), LogServerFixture.text(r));
    DsseEnvelope envelope = new DsseEnvelope(type, payload, List.of(new DsseEnvelope.Signature("", sig)));
    verifier.verify(TlogEntry.fromJson(json(r)), SignedContent.dsse(envelope, sig, der,
        leaf.key().getPublic().getEncoded()), true);
  }

  @Test
  void badEntriesAreRefusedWith400AndNothingIsLogged() throws Exception {
    KeyPair k = TestPki.ecKey();
    byte[] artifact = "x".getBytes(StandardCharsets.UTF_8);
    byte[] sig = TestPki.sign(k, artifact);
    byte[] spki = k.getPublic().getEncoded();
    byte[] otherSig = TestPki.sign(TestPki.ecKey(), artifact);
    KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
    KeyPair edKey = ed.generateKeyPair();
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(edKey.getPrivate());
    s.update(artifact);
    List<byte[]> bad = List.of(
        hashedRekordRequest(sha256(artifact), otherSig, "publicKey", spki, "PKIX_ECDSA_P256_SHA_256"),
        hashedRekordRequest(sha256("y".getBytes(StandardCharsets.UTF_8)), sig, "publicKey", spki, "PKIX_ECDSA_P256_SHA_256"),
        hashedRekordRequest(new byte[20], sig, "publicKey", spki, "PKIX_ECDSA_P256_SHA_256"),
        hashedRekordRequest(sha256(artifact), sig, "publicKey", spki, "PKIX_ECDSA_P384_SHA_384"),
        hashedRekordRequest(sha256(artifact), sig, "publicKey", new byte[] {1, 2, 3}, "PKIX_ECDSA_P256_SHA_256"),
        hashedRekordRequest(sha256(artifact), sig, "x509Certificate", spki, "PKIX_ECDSA_P256_SHA_256"),
        hashedRekordRequest(sha256(artifact), s.sign(), "publicKey", edKey.getPublic().getEncoded(), "PKIX_ED25519"),
        "{not json".getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8),
        "{\"hashedRekordRequestV002\":{\"digest\":\"!!\"}}".getBytes(StandardCharsets.UTF_8));
    for (byte[] body : bad) {
      HttpResponse<byte[]> r = fx.post("/api/v2/log/entries", body);
      assertEquals(400, r.statusCode(), new String(body, StandardCharsets.UTF_8) + " -> " + LogServerFixture.text(r));
      JsonNode err = json(r);
      assertEquals(3, err.path("code").asInt(), "grpc InvalidArgument");
      assertTrue(err.path("message").asText().length() > 10, err.toString());
    }
    assertEquals(0, fx.logs.v2().state().size());
  }

  @Test
  void aDuplicateIs409WithTheIndexAndOtherPathsAreDeclined() throws Exception {
    KeyPair k = TestPki.ecKey();
    byte[] artifact = "dup".getBytes(StandardCharsets.UTF_8);
    byte[] req = hashedRekordRequest(sha256(artifact), TestPki.sign(k, artifact), "publicKey",
        k.getPublic().getEncoded(), "PKIX_ECDSA_P256_SHA_256");
    assertEquals(201, fx.post("/api/v2/log/entries", req).statusCode());
    HttpResponse<byte[]> again = fx.post("/api/v2/log/entries", req);
    assertEquals(409, again.statusCode());
    assertEquals("0", again.headers().firstValue("x-log-index").orElse(""));
    assertEquals(405, fx.get("/api/v2/log/entries").statusCode());
    assertEquals(299, fx.get("/v2/").statusCode());
    assertEquals(299, fx.get("/api/v2/somethingelse").statusCode());
    assertEquals(299, fx.get("/api/v1/other").statusCode());
  }

  @Test
  void anOversizedBodyIs413AndHeadOnTheCheckpointHasNoBody() throws Exception {
    HttpResponse<byte[]> big = fx.post("/api/v2/log/entries", new byte[LogHandler.MAX_BODY + 1]);
    assertEquals(413, big.statusCode());
    HttpResponse<byte[]> head = fx.client.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(fx.baseUrl + "/api/v2/checkpoint")).method("HEAD",
        java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    assertEquals(405, fx.post("/api/v2/checkpoint", new byte[0]).statusCode());
  }

  static byte[] pae(String type, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("DSSEv1 " + type.length() + " " + type + " " + payload.length + " ").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
