package dev.signet.sigstore.log.http;

import static dev.signet.sigstore.log.http.LogServerFixture.json;
import static dev.signet.sigstore.log.http.LogServerFixture.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Digest;
import dev.signet.sigstore.log.LogInfo;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.testing.sigstore.FakeSigstore;
import dev.signet.testing.sigstore.KeylessSignature;
import dev.signet.testing.sigstore.TestPki;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * @sigstore/verify (an independent verifier) judges v0.3 bundles whose tlog entry comes from this log:
 * a keyless signature from {@link FakeSigstore} (certificate with SCT) is submitted to the Rekor v1 API
 * (the SET's integrated time is the signature's timestamp) and to the Rekor v2 API (with an RFC 3161
 * timestamp); the bundle carries the log's answer and the trusted root names the log's key.
 */
class SigstoreJsOracleTest {
  private static final Base64.Encoder B64 = Base64.getEncoder();

  @TempDir
  Path dir;

  SigstoreVerifyOracle oracle;

  @BeforeEach
  void locate() {
    oracle = SigstoreVerifyOracle.locate().assumeAvailable();
  }

  @Test
  void rekorV1EntriesAreAcceptedAndATamperedSetIsNot() throws Exception {
    try (LogServerFixture fx = new LogServerFixture(dir.resolve("data"))) {
      FakeSigstore ca = FakeSigstore.create(LogServerFixture.NOW);
      byte[] artifact = "oracle artifact v1".getBytes(StandardCharsets.UTF_8);
      KeylessSignature ks = ca.signBlob(artifact, "signer@signet.test");
      HttpResponse<byte[]> r = fx.post("/api/v1/log/entries", RekorV1HttpTest.hashedRekord(sha256(artifact),
          ks.signature(), TestPki.pem(ks.leaf())));
      assertEquals(201, r.statusCode(), LogServerFixture.text(r));
      ObjectNode tle = RekorV1HttpTest.toBundleJson(json(r));
      Path root = trustedRoot(ks, fx.logs.v1Info(), fx.baseUrl);
      OracleResult ok = verify(bundle(ks, tle), root, artifact);
      assertTrue(ok.ok(), ok.toString());
      byte[] set = Base64.getDecoder().decode(tle.path("inclusionPromise").path("signedEntryTimestamp").asText());
      set[set.length - 1] ^= 1;
      ObjectNode bad = tle.deepCopy();
      ((ObjectNode) bad.path("inclusionPromise")).put("signedEntryTimestamp", B64.encodeToString(set));
      OracleResult refused = verify(bundle(ks, bad), root, artifact);
      assertFalse(refused.ok(), refused.toString());
    }
  }

  @Test
  void rekorV2EntriesAreAcceptedAndAForeignCheckpointIsNot() throws Exception {
    try (LogServerFixture fx = new LogServerFixture(dir.resolve("data"))) {
      FakeSigstore ca = FakeSigstore.withTimestampAuthority(LogServerFixture.NOW);
      byte[] artifact = "oracle artifact v2".getBytes(StandardCharsets.UTF_8);
      KeylessSignature ks = ca.signBlob(artifact, "signer@signet.test");
      HttpResponse<byte[]> r = fx.post("/api/v2/log/entries", RekorV2HttpTest.hashedRekordRequest(sha256(artifact),
          ks.signature(), "x509Certificate", ks.leaf().getEncoded(), "PKIX_ECDSA_P256_SHA_256"));
      assertEquals(201, r.statusCode(), LogServerFixture.text(r));
      ObjectNode tle = (ObjectNode) json(r);
      Path root = trustedRoot(ks, fx.logs.v2Info(), fx.baseUrl);
      OracleResult ok = verify(bundle(ks, tle), root, artifact);
      assertTrue(ok.ok(), ok.toString());
      // the same entry under a trusted root naming another v2 log key is refused
      try (LogServerFixture other = new LogServerFixture(dir.resolve("other"))) {
        OracleResult refused = verify(bundle(ks, tle), trustedRoot(ks, other.logs.v2Info(), fx.baseUrl), artifact);
        assertFalse(refused.ok(), refused.toString());
      }
    }
  }

  @Test
  void dsseBundlesWithIntotoAndDsseEntriesAreAccepted() throws Exception {
    try (LogServerFixture fx = new LogServerFixture(dir.resolve("data"))) {
      FakeSigstore ca = FakeSigstore.create(LogServerFixture.NOW);
      Digest image = Digest.sha256("an image manifest".getBytes(StandardCharsets.UTF_8));
      KeylessSignature ks = ca.signImageDsse(image, java.util.Map.of(), "signer@signet.test",
          FakeSigstore.DEFAULT_ISSUER);
      String type = "application/vnd.in-toto+json";
      String pem = TestPki.pem(ks.leaf());
      String envelope = LogServerFixture.JSON.writeValueAsString(java.util.Map.of("payloadType", type,
          "payload", B64.encodeToString(ks.payload()), "signatures", java.util.List.of(java.util.Map.of("sig",
              B64.encodeToString(ks.signature()), "keyid", ""))));
      ObjectNode dsse = LogServerFixture.JSON.createObjectNode().put("kind", "dsse").put("apiVersion", "0.0.1");
      ObjectNode pc = dsse.putObject("spec").putObject("proposedContent").put("envelope", envelope);
      pc.putArray("verifiers").add(B64.encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
      Path root = trustedRoot(ks, fx.logs.v1Info(), fx.baseUrl);
      for (byte[] request : java.util.List.of(RekorV1HttpTest.intoto(type, ks.payload(), ks.signature(), pem),
          dsse.toString().getBytes(StandardCharsets.UTF_8))) {
        HttpResponse<byte[]> r = fx.post("/api/v1/log/entries", request);
        assertEquals(201, r.statusCode(), LogServerFixture.text(r));
        OracleResult ok = oracle.verify(OracleRequest.keyless(bundle(ks, RekorV1HttpTest.toBundleJson(json(r))), root,
            "signer@signet.test", FakeSigstore.DEFAULT_ISSUER, image));
        assertTrue(ok.ok(), ok.toString());
      }
    }
  }

  private OracleResult verify(Path bundle, Path root, byte[] artifact) throws Exception {
    return oracle.verify(OracleRequest.keyless(bundle, root, "signer@signet.test", FakeSigstore.DEFAULT_ISSUER,
        Digest.sha256(artifact)));
  }

  private Path bundle(KeylessSignature ks, JsonNode tle) throws Exception {
    ObjectNode b = (ObjectNode) LogServerFixture.JSON.readTree(ks.bundleJson());
    ArrayNode entries = ((ObjectNode) b.path("verificationMaterial")).putArray("tlogEntries");
    entries.add(tle);
    Path p = Files.createTempFile(dir, "bundle", ".json");
    Files.write(p, LogServerFixture.JSON.writeValueAsBytes(b));
    return p;
  }

  /** The deployment's trusted root with its tlogs replaced by {@link LogInfo#trustedRootTlog()} of this log. */
  private Path trustedRoot(KeylessSignature ks, LogInfo log, String baseUrl) throws Exception {
    ObjectNode root = (ObjectNode) LogServerFixture.JSON.readTree(ks.trustedRootJson());
    ObjectNode t = log.trustedRootTlog();
    t.put("baseUrl", baseUrl);
    root.putArray("tlogs").add(t);
    Path p = Files.createTempFile(dir, "trusted_root", ".json");
    Files.write(p, LogServerFixture.JSON.writeValueAsBytes(root));
    return p;
  }
}
