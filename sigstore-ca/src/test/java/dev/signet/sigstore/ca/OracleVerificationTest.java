package dev.signet.sigstore.ca;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.oci.Digest;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @sigstore/verify} (an independent verifier) accepts bundles built around certificates this CA
 * issued for tokens of a real OIDC provider: chain to the CA, embedded SCT from the CA's CT log,
 * identity (SAN + issuer extension). Without the CT log in the trusted root it must refuse.
 */
class OracleVerificationTest {
  private static final char[] PW = "oracle".toCharArray();

  @TempDir
  Path dir;

  @Test
  void sigstoreJsVerifiesBundlesWithCertificatesFromThisCa() throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    try (OidcProvider oidc = new OidcProvider();
        FulcioService service = FulcioService.open(CaConfig.of(dir.resolve("data"), PW, oidc.issuers()))) {
      KeylessBundles bundles = new KeylessBundles();
      byte[] artifact = "hello from signet's own CA\n".getBytes(StandardCharsets.UTF_8);
      // email identity
      KeyPair k1 = TestKeys.p256();
      IssuedCertificate email = service.signingCertificate(oidc.emailToken("alice@signet.test"),
          new CertificateRequest.PublicKeyRequest(TestKeys.publicPem(k1), TestKeys.prove(k1, "alice@signet.test")));
      Path b1 = Files.write(dir.resolve("email.sigstore.json"), bundles.bundle(email, k1, artifact));
      // GitHub Actions identity
      var claims = new java.util.HashMap<>(dev.signet.sigstore.ca.oidc.PrincipalsTestClaims.github());
      String sub = (String) claims.remove("sub");
      KeyPair k2 = TestKeys.p256();
      IssuedCertificate gh = service.signingCertificate(oidc.token("github", sub, claims),
          new CertificateRequest.PublicKeyRequest(TestKeys.publicPem(k2), TestKeys.prove(k2, sub)));
      Path b2 = Files.write(dir.resolve("github.sigstore.json"), bundles.bundle(gh, k2, artifact));
      Path root = Files.write(dir.resolve("trusted_root.json"), bundles.trustedRoot(service.trust(), false));
      Path noCt = Files.write(dir.resolve("trusted_root_no_ct.json"), bundles.trustedRoot(service.trust(), true));
      Digest d = Digest.sha256(artifact);
      String ghSan = "https://github.com/octo/app/.github/workflows/release.yml@refs/heads/main";
      List<OracleResult> r = oracle.verifyAll(List.of(
          OracleRequest.keyless(b1, root, "alice@signet.test", oidc.issuer("email"), d),
          OracleRequest.keyless(b2, root, ghSan, oidc.issuer("github"), d),
          OracleRequest.keyless(b1, noCt, "alice@signet.test", oidc.issuer("email"), d),
          OracleRequest.keyless(b1, root, "mallory@signet.test", oidc.issuer("email"), d),
          OracleRequest.keyless(b1, root, "alice@signet.test", oidc.issuer("github"), d)));
      r.forEach(x -> System.out.println("@sigstore/verify: " + x.ok() + " " + x.code() + " " + x.message()));
      assertTrue(r.get(0).ok(), "email bundle: " + r.get(0));
      assertTrue(r.get(1).ok(), "github bundle: " + r.get(1));
      assertFalse(r.get(2).ok(), "no CT log trusted: the SCT cannot verify: " + r.get(2));
      assertTrue(r.get(2).code().contains("SCT") || r.get(2).message().contains("SCT"), "refused for the SCT: " + r.get(2));
      assertFalse(r.get(3).ok(), "other identity: " + r.get(3));
      assertFalse(r.get(4).ok(), "other issuer: " + r.get(4));
    }
  }
}
