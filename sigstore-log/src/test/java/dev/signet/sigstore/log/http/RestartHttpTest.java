package dev.signet.sigstore.log.http;

import static dev.signet.sigstore.log.http.LogServerFixture.json;
import static dev.signet.sigstore.log.http.LogServerFixture.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.sigstore.log.LogInfo;
import dev.signet.testing.sigstore.RekorBodies;
import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.tlog.Checkpoint;
import dev.signet.verify.tlog.CheckpointVerifier;
import dev.signet.verify.tlog.SignedContent;
import dev.signet.verify.tlog.TlogVerifier;
import dev.signet.verify.tlog.WitnessPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys, tree id and entries survive a restart of the whole server; checkpoints before and after are consistent. */
class RestartHttpTest {
  @TempDir
  Path dir;

  @Test
  void aRestartedServerKeepsItsIdentityEntriesAndConsistency() throws Exception {
    KeyPair k = TestPki.ecKey();
    String pem = RekorBodies.pem("PUBLIC KEY", k.getPublic().getEncoded());
    byte[] a = "before restart".getBytes(StandardCharsets.UTF_8);
    byte[] sigA = TestPki.sign(k, a);
    String entryId;
    String v1Head;
    String v2Head;
    LogInfo v1;
    LogInfo v2;
    try (LogServerFixture fx = new LogServerFixture(dir)) {
      for (int i = 0; i < 300; i++) { // crosses a tile boundary
        byte[] b = ("filler " + i).getBytes(StandardCharsets.UTF_8);
        fx.post("/api/v1/log/entries", RekorV1HttpTest.hashedRekord(sha256(b), TestPki.sign(k, b), pem));
      }
      var r = fx.post("/api/v1/log/entries", RekorV1HttpTest.hashedRekord(sha256(a), sigA, pem));
      assertEquals(201, r.statusCode());
      entryId = json(r).fieldNames().next();
      assertEquals(201, fx.post("/api/v2/log/entries", RekorV2HttpTest.hashedRekordRequest(sha256(a), sigA,
          "publicKey", k.getPublic().getEncoded(), "PKIX_ECDSA_P256_SHA_256")).statusCode());
      v1Head = json(fx.get("/api/v1/log")).path("signedTreeHead").asText();
      v2Head = LogServerFixture.text(fx.get("/api/v2/checkpoint"));
      v1 = fx.logs.v1Info();
      v2 = fx.logs.v2Info();
    }
    try (LogServerFixture fx = new LogServerFixture(dir)) {
      assertArrayEquals(v1.logId(), fx.logs.v1Info().logId(), "same v1 key");
      assertArrayEquals(v2.logId(), fx.logs.v2Info().logId(), "same v2 key");
      assertEquals(v1.origin(), fx.logs.v1Info().origin(), "same tree id");
      assertEquals(v1.validFrom(), fx.logs.v1Info().validFrom());
      var got = fx.get("/api/v1/log/entries/" + entryId);
      assertEquals(200, got.statusCode(), "the entry index is rebuilt");
      new TlogVerifier(List.of(LogServerFixture.trusted(v1, fx.baseUrl)), WitnessPolicy.none()).verify(
          RekorV1HttpTest.toBundleEntry(json(got)), SignedContent.message(sigA, null, k.getPublic().getEncoded(), a), true);
      assertEquals(409, fx.post("/api/v1/log/entries", RekorV1HttpTest.hashedRekord(sha256(a), sigA, pem)).statusCode());
      byte[] c = "after restart".getBytes(StandardCharsets.UTF_8);
      assertEquals(201, fx.post("/api/v1/log/entries", RekorV1HttpTest.hashedRekord(sha256(c), TestPki.sign(k, c), pem))
          .statusCode());
      var trusted1 = LogServerFixture.trusted(v1, fx.baseUrl);
      Checkpoint before = CheckpointVerifier.verify(v1Head, trusted1, WitnessPolicy.none()).checkpoint();
      JsonNode info = json(fx.get("/api/v1/log"));
      Checkpoint after = CheckpointVerifier.verify(info.path("signedTreeHead").asText(), trusted1, WitnessPolicy.none())
          .checkpoint();
      assertEquals(before.size() + 1, after.size());
      JsonNode proof = json(fx.get("/api/v1/log/proof?firstSize=" + before.size() + "&lastSize=" + after.size()));
      List<byte[]> hashes = new ArrayList<>();
      proof.path("hashes").forEach(h -> hashes.add(HexFormat.of().parseHex(h.asText())));
      CheckpointVerifier.verifyConsistency(before, after, hashes);
      assertEquals(v2Head, LogServerFixture.text(fx.get("/api/v2/checkpoint")), "the v2 checkpoint is unchanged");
      CheckpointVerifier.verify(v2Head, LogServerFixture.trusted(v2, fx.baseUrl), WitnessPolicy.none());
    }
  }
}
