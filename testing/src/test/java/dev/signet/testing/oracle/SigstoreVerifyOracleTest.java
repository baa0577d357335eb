package dev.signet.testing.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.oci.Digest;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles written by oci-model's SigstoreBundle, judged by @sigstore/verify through the wrapper. */
class SigstoreVerifyOracleTest {

  @Test
  void signetKeyBundlesVerifyAndTamperedClaimsFail(@TempDir Path dir) throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    Path pub = dir.resolve("key.pub");
    Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(kp.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    Digest image = new Digest("sha256", "ab".repeat(32));
    byte[] statement = InTotoStatement.forCosignSign(image, Map.of("env", "prod")).toJson();
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(kp.getPrivate());
    s.update(DsseEnvelope.pae("application/vnd.in-toto+json", statement));
    DsseEnvelope env = new DsseEnvelope("application/vnd.in-toto+json", statement,
        List.of(new DsseEnvelope.Signature(null, s.sign())));
    Path dsse = Files.write(dir.resolve("dsse.sigstore.json"),
        SigstoreBundle.ofDsse(VerificationMaterial.publicKey(""), env).toJson());
    byte[] blob = "blob".getBytes(StandardCharsets.UTF_8);
    Path blobFile = Files.write(dir.resolve("blob"), blob);
    s.initSign(kp.getPrivate());
    s.update(blob);
    Path msg = Files.write(dir.resolve("msg.sigstore.json"), SigstoreBundle.ofMessageSignature(
        VerificationMaterial.publicKey(""), MessageSignature.of(Digest.sha256(blob), s.sign())).toJson());

    List<OracleResult> r = oracle.verifyAll(List.of(
        OracleRequest.withKey(dsse, pub, image).requiringAnnotations(Map.of("env", "prod")),
        OracleRequest.withKey(dsse, pub, image).requiringAnnotations(Map.of("env", "dev")),
        OracleRequest.withKey(dsse, pub, new Digest("sha256", "cd".repeat(32))),
        OracleRequest.withKey(msg, pub, blobFile),
        OracleRequest.withKey(msg, pub, Digest.sha256(blob)),
        OracleRequest.withKey(msg, pub, Digest.sha256("other".getBytes(StandardCharsets.UTF_8)))));
    assertTrue(r.get(0).ok(), r.get(0)::toString);
    assertEquals("SUBJECT_MISMATCH", r.get(1).code());
    assertEquals("SUBJECT_MISMATCH", r.get(2).code());
    assertTrue(r.get(3).ok(), r.get(3)::toString);
    assertTrue(r.get(4).ok(), r.get(4)::toString);
    assertFalse(r.get(5).ok());
    assertEquals("MESSAGE_DIGEST_ERROR", r.get(5).code());
  }
}
