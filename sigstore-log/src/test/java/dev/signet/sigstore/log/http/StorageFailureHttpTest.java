package dev.signet.sigstore.log.http;

import static dev.signet.sigstore.log.http.LogServerFixture.json;
import static dev.signet.sigstore.log.http.LogServerFixture.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.sigstore.log.SigstoreLog;
import dev.signet.sigstore.log.engine.Fsck;
import dev.signet.sigstore.log.storage.MemoryLogStorage;
import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.tlog.SignedContent;
import dev.signet.verify.tlog.TlogEntry;
import dev.signet.verify.tlog.TlogVerifier;
import dev.signet.verify.tlog.WitnessPolicy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing store makes the request fail with 500 (a server fault), publishes nothing, and the log recovers. */
class StorageFailureHttpTest {
  @TempDir
  Path dir;

  @Test
  void aStorageFailureIs500AndTheLogStaysConsistent() throws Exception {
    MemoryLogStorage v1 = new MemoryLogStorage();
    MemoryLogStorage v2 = new MemoryLogStorage();
    try (LogServerFixture fx = new LogServerFixture(SigstoreLog.open(v1, dir.resolve("k1"), v2, dir.resolve("k2"),
        LogServerFixture.OPTIONS))) {
      KeyPair k = TestPki.ecKey();
      byte[] spki = k.getPublic().getEncoded();
      byte[] a = "first".getBytes(StandardCharsets.UTF_8);
      assertEquals(201, fx.post("/api/v2/log/entries", RekorV2HttpTest.hashedRekordRequest(sha256(a),
          TestPki.sign(k, a), "publicKey", spki, "PKIX_ECDSA_P256_SHA_256")).statusCode());
      String before = fx.logs.v2().state().checkpoint();
      v2.setFailing(true);
      byte[] b = "second".getBytes(StandardCharsets.UTF_8);
      byte[] sigB = TestPki.sign(k, b);
      byte[] req = RekorV2HttpTest.hashedRekordRequest(sha256(b), sigB, "publicKey", spki,
          "PKIX_ECDSA_P256_SHA_256");
      HttpResponse<byte[]> failed = fx.post("/api/v2/log/entries", req);
      assertEquals(500, failed.statusCode(), LogServerFixture.text(failed));
      assertEquals(13, json(failed).path("code").asInt());
      assertTrue(json(failed).path("message").asText().contains("retry"));
      assertEquals(before, fx.logs.v2().state().checkpoint(), "no checkpoint moved");
      v2.setFailing(false);
      HttpResponse<byte[]> retried = fx.post("/api/v2/log/entries", req);
      assertEquals(201, retried.statusCode(), LogServerFixture.text(retried));
      TlogEntry e = TlogEntry.fromJson(json(retried));
      new TlogVerifier(List.of(LogServerFixture.trusted(fx.logs.v2Info(), fx.baseUrl)), WitnessPolicy.none())
          .verify(e, SignedContent.message(sigB, null, spki, b), true);
      assertEquals(1, e.logIndex());
      assertEquals(List.of(), Fsck.check(v2, fx.logs.v2().signer(), fx.logs.v2Info().origin()));
    }
  }
}
