package dev.signet.oracle.sigstorejava;

import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * sigstore-java's {@link KeylessVerifier}, offline: the trusted root comes from a file through
 * {@link TrustedRootProvider#from(Path)} (no TUF client, no network), the artifact is given as its SHA-256
 * digest, and the identity is an exact SAN and issuer. One verifier is built per trusted-root file.
 */
final class SigstoreJavaOracle {
  private final Map<Path, KeylessVerifier> verifiers = new HashMap<>();

  Outcome verify(byte[] bundleJson, Path trustedRoot, String san, String issuer, byte[] sha256) {
    Bundle bundle;
    try {
      bundle = Bundle.from(new StringReader(new String(bundleJson, StandardCharsets.UTF_8)));
    } catch (Exception e) {
      return Outcome.rejected(Outcome.Stage.PARSE, e);
    }
    KeylessVerifier verifier;
    try {
      verifier = verifier(trustedRoot);
    } catch (Exception e) {
      return Outcome.rejected(Outcome.Stage.ROOT, e);
    }
    VerificationOptions options = VerificationOptions.builder()
        .addCertificateMatchers(CertificateMatcher.fulcio()
            .subjectAlternativeName(StringMatcher.string(san))
            .issuer(StringMatcher.string(issuer))
            .build())
        .build();
    try {
      verifier.verify(sha256, bundle, options);
      return Outcome.OK;
    } catch (Exception e) {
      return Outcome.rejected(Outcome.Stage.VERIFY, e);
    }
  }

  private KeylessVerifier verifier(Path trustedRoot) throws Exception {
    KeylessVerifier v = verifiers.get(trustedRoot);
    if (v == null) {
      v = KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRoot)).build();
      verifiers.put(trustedRoot, v);
    }
    return v;
  }
}
