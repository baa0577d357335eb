package dev.signet.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bundle.BundleFormatException;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.oci.Digest;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.verify.internal.BasicIdentity;
import dev.signet.verify.testkit.TestRoots;
import dev.signet.verify.testkit.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every keyless bundle of the vectors against each mock trusted root and identity: the engine (default
 * keyless policy) and {@code @sigstore/verify} (default thresholds) reach the same verdict.
 */
class KeylessOracleTest {
  record Case(Path bundle, Path root, String identity, String issuer, String digest) {}

  @Test
  void engineAndOracleAgreeOnEveryKeylessVector() throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    Path uri = Vectors.dir("sigstore-js/mock-keyless-uri");
    Path email = Vectors.dir("sigstore-js/mock-keyless-email");
    Path cosign = Vectors.dir("cosign/bundles");
    String artifact = "sha256:a06b0edad67aa9d7dfad5d014799a05c4e73fca6643d28812cb2f1358f4c3760";
    String image = "sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4";
    List<Case> cases = new ArrayList<>();
    for (Path folder : List.of(uri, email)) {
      try (var files = Files.list(folder)) {
        for (Path b : files.filter(f -> f.getFileName().toString().startsWith("bundle-")).sorted().toList()) {
          for (Path root : List.of(uri.resolve("trusted_root.json"), email.resolve("trusted_root.json"))) {
            for (String san : List.of("https://signer.example.com/ci", "signer@example.com")) {
              cases.add(new Case(b, root, san, "https://oidc.mock.local", artifact));
            }
          }
        }
      }
    }
    Path pgi = cosign.resolve("trusted_root_pgi.json");
    Path attestation = cosign.resolve("oci-attestation.sigstore.json");
    cases.add(new Case(attestation, pgi, "cody@soyland.com", "https://github.com/login/oauth", image));
    cases.add(new Case(attestation, pgi, "cody@soyland.com", "https://accounts.google.com", image));
    cases.add(new Case(attestation, pgi, "cody@soyland.com", "https://github.com/login/oauth", artifact));
    cases.add(new Case(attestation, uri.resolve("trusted_root.json"), "cody@soyland.com",
        "https://github.com/login/oauth", image));

    List<OracleRequest> requests = new ArrayList<>();
    List<String> engine = new ArrayList<>();
    for (Case c : cases) {
      requests.add(OracleRequest.keyless(c.bundle(), c.root(), c.identity(), c.issuer(), Digest.parse(c.digest())));
      engine.add(run(c));
    }
    List<OracleResult> results = oracle.verifyAll(requests);
    int accepted = 0;
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      assertThat(engine.get(i).equals("OK")).as("%s / %s / %s: engine %s, oracle %s", c.bundle().getParent()
          .getFileName() + "/" + c.bundle().getFileName(), c.root().getParent().getFileName(), c.identity(),
          engine.get(i), results.get(i)).isEqualTo(results.get(i).ok());
      accepted += results.get(i).ok() ? 1 : 0;
    }
    // the five PASS rows with their own root and identity, and the public-good attestation
    assertThat(accepted).isEqualTo(6);
  }

  private static String run(Case c) throws Exception {
    try {
      new SigstoreVerifier(TestRoots.parse(Files.readAllBytes(c.root()))).verify(
          SigstoreBundle.parse(Files.readAllBytes(c.bundle())), Artifact.ofDigest(c.digest()),
          VerificationPolicy.forIdentity(BasicIdentity.exact(c.identity(), c.issuer())));
      return "OK";
    } catch (VerificationException | BundleFormatException e) {
      return e.getMessage();
    }
  }
}
