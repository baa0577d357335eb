package dev.signet.sigstore.ca.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.sigstore.ca.CaConfig;
import dev.signet.sigstore.ca.FulcioService;
import dev.signet.sigstore.ca.OidcProvider;
import dev.signet.testing.Processes;
import dev.signet.verify.x509.CertificateChainVerifier;
import dev.signet.verify.x509.CertificatePurpose;
import dev.signet.verify.x509.Certificates;
import dev.signet.verify.x509.FulcioIdentity;
import dev.signet.verify.x509.SctVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code @sigstore/sign} client ({@code FulcioSigner}, npm 4.1.1 from oracles/sigstore-mock)
 * obtains a certificate from Signet's CA over HTTP for a token of a real OIDC provider and signs with
 * it; the certificate verifies in Signet's engine (chain, SCT, identity) and the signature with its key.
 * A token the CA refuses makes the client fail with the CA's reason.
 */
class SigstoreSignClientTest {
  @TempDir
  Path dir;

  static Path clientModules() {
    Path found = null;
    for (Path d = Paths.get("").toAbsolutePath(); d != null && found == null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("oracles/sigstore-mock/package.json"))) {
        found = d.resolve("oracles/sigstore-mock");
      }
    }
    Assumptions.assumeTrue(found != null, "SKIPPED: oracles/sigstore-mock not found above " + Paths.get("").toAbsolutePath());
    boolean node;
    try {
      node = Processes.run(Duration.ofSeconds(20), "node", "--version").succeeded();
    } catch (RuntimeException e) {
      node = false;
    }
    Assumptions.assumeTrue(node, "SKIPPED: Node.js is not installed (needed for @sigstore/sign)");
    if (!Files.isRegularFile(found.resolve("node_modules/@sigstore/sign/package.json"))) {
      Processes.Result npm = Processes.run(List.of("npm", "ci", "--prefix", found.toString(), "--no-audit", "--no-fund",
          "--loglevel=error"), Duration.ofSeconds(600));
      Assumptions.assumeTrue(npm.succeeded(), "SKIPPED: npm ci in " + found + " failed: " + npm.describe());
    }
    return found.resolve("node_modules");
  }

  private JsonNode sign(Path modules, String url, String token, byte[] data) throws Exception {
    Path script = Path.of(getClass().getResource("/fulcio-sign.js").toURI());
    Path tokenFile = Files.writeString(dir.resolve("token"), token);
    Path dataFile = Files.write(dir.resolve("data"), data);
    ProcessBuilder pb = new ProcessBuilder("node", script.toString(), url, tokenFile.toString(), dataFile.toString())
        .redirectErrorStream(true);
    pb.environment().put("NODE_PATH", modules.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), out);
    String last = out.substring(out.lastIndexOf('\n') + 1);
    return CaServer.JSON.readTree(last);
  }

  @Test
  void sigstoreSignGetsACertificateAndSigns() throws Exception {
    Path modules = clientModules();
    try (OidcProvider oidc = new OidcProvider();
        FulcioService service = FulcioService.open(CaConfig.of(dir.resolve("data-dir"), "pw".toCharArray(), oidc.issuers()));
        CaServer server = new CaServer(service)) {
      byte[] data = "artifact signed by @sigstore/sign".getBytes(StandardCharsets.UTF_8);
      JsonNode r = sign(modules, server.base().toString(), oidc.emailToken("alice@signet.test"), data);
      assertTrue(r.has("certificate"), r.toString());
      X509Certificate leaf = Certificates.fromPem(r.path("certificate").asText().getBytes(StandardCharsets.US_ASCII),
          "@sigstore/sign's certificate").get(0);
      var trust = service.trust();
      var path = CertificateChainVerifier.verifyPath(leaf, List.of(), List.of(trust.certificateAuthority(
          server.base().toString())), leaf.getNotBefore().toInstant(), CertificatePurpose.CODE_SIGNING);
      assertEquals(1, SctVerifier.verify(leaf, path.issuer(), List.of(trust.ctLog(server.base() + "/ct")), 1));
      assertEquals(List.of("alice@signet.test"), FulcioIdentity.of(leaf).subjectAlternativeNames());
      Signature v = Signature.getInstance("SHA256withECDSA");
      v.initVerify(leaf.getPublicKey());
      v.update(data);
      assertTrue(v.verify(Base64.getDecoder().decode(r.path("signature").asText())), "signature by the certified key");
      // a token of an issuer the CA does not trust: the client reports the CA's 401 reason
      JsonNode refused = sign(modules, server.base().toString(), oidc.token("rogue", "u",
          Map.of("email", "alice@signet.test", "email_verified", true)), data);
      assertTrue(refused.path("error").asText().contains("not configured"), refused.toString());
    }
  }
}
