package dev.signet.sigstore.ca;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sigstore-java 2.0.0 (offline, trusted root from a file) accepts a bundle around a certificate this CA
 * issued: it requires the embedded SCT and a trusted CT log, so it also proves the SCT; and it refuses
 * the same bundle when the trusted root lacks the CT log.
 */
class SigstoreJavaVerificationTest {
  @TempDir
  Path dir;

  @Test
  void sigstoreJavaVerifiesAndNeedsTheCtLog() throws Exception {
    try (OidcProvider oidc = new OidcProvider();
        FulcioService service = FulcioService.open(CaConfig.of(dir.resolve("data"), "pw".toCharArray(), oidc.issuers()))) {
      KeylessBundles bundles = new KeylessBundles();
      byte[] artifact = "signed by a self-hosted CA\n".getBytes(StandardCharsets.UTF_8);
      KeyPair k = TestKeys.p256();
      IssuedCertificate cert = service.signingCertificate(oidc.emailToken("alice@signet.test"),
          new CertificateRequest.PublicKeyRequest(TestKeys.publicPem(k), TestKeys.prove(k, "alice@signet.test")));
      Bundle bundle = Bundle.from(new StringReader(new String(bundles.bundle(cert, k, artifact), StandardCharsets.UTF_8)));
      Path root = Files.write(dir.resolve("trusted_root.json"), bundles.trustedRoot(service.trust(), false));
      Path noCt = Files.write(dir.resolve("no_ct.json"), bundles.trustedRoot(service.trust(), true));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(artifact);
      VerificationOptions options = VerificationOptions.builder().addCertificateMatchers(CertificateMatcher.fulcio()
          .subjectAlternativeName(StringMatcher.string("alice@signet.test"))
          .issuer(StringMatcher.string(oidc.issuer("email"))).build()).build();
      long t0 = System.nanoTime();
      KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(root)).build().verify(digest, bundle, options);
      System.out.println("sigstore-java verified in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      Exception e = assertThrows(Exception.class, () -> KeylessVerifier.builder()
          .trustedRootProvider(TrustedRootProvider.from(noCt)).build().verify(digest, bundle, options));
      System.out.println("sigstore-java without the CT log: " + e + " after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("ct"), "refused for the CT log: " + e);
      VerificationOptions other = VerificationOptions.builder().addCertificateMatchers(CertificateMatcher.fulcio()
          .subjectAlternativeName(StringMatcher.string("mallory@signet.test"))
          .issuer(StringMatcher.string(oidc.issuer("email"))).build()).build();
      assertThrows(Exception.class, () -> KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(root))
          .build().verify(digest, bundle, other));
    }
  }
}
