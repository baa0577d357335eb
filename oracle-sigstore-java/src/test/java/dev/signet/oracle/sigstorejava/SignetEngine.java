package dev.signet.oracle.sigstorejava;

import dev.signet.bundle.BundleFormatException;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.verify.Artifact;
import dev.signet.verify.SigstoreVerifier;
import dev.signet.verify.VerificationException;
import dev.signet.verify.VerificationPolicy;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.x509.IdentityPolicy;
import dev.signet.verify.x509.IdentityPolicy.Identity;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Signet's engine with the same inputs as {@link SigstoreJavaOracle}: default keyless policy, exact identity. */
final class SignetEngine {
  private final Map<Path, TrustedRoot> roots = new HashMap<>();

  Outcome verify(byte[] bundleJson, Path trustedRoot, String san, String issuer, byte[] sha256) {
    return verify(bundleJson, trustedRoot, sha256,
        VerificationPolicy.forIdentity(IdentityPolicy.of(Identity.exact(san, issuer))));
  }

  Outcome verify(byte[] bundleJson, Path trustedRoot, byte[] sha256, VerificationPolicy policy) {
    TrustedRoot root;
    try {
      root = roots.get(trustedRoot);
      if (root == null) {
        root = TrustedRootParser.parse(Vectors.read(trustedRoot));
        roots.put(trustedRoot, root);
      }
    } catch (VerificationException e) {
      return Outcome.rejected(Outcome.Stage.ROOT, e);
    }
    SigstoreBundle bundle;
    try {
      bundle = SigstoreBundle.parse(bundleJson);
    } catch (BundleFormatException e) {
      return Outcome.rejected(Outcome.Stage.PARSE, e);
    }
    try {
      new SigstoreVerifier(root).verify(bundle, Artifact.ofDigest("sha256:" + HexFormat.of().formatHex(sha256)), policy);
      return Outcome.OK;
    } catch (VerificationException e) {
      return Outcome.rejected(Outcome.Stage.VERIFY, e);
    }
  }
}
