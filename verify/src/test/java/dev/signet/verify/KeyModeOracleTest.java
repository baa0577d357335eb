package dev.signet.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bundle.BundleFormatException;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.testkit.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key-mode bundles of the vectors (sigstore-js pubkey, cosign dsse-keyed) against right and wrong keys and
 * artifacts: the engine and {@code @sigstore/verify} (thresholds 0, subject/messageDigest checks of the
 * oracle wrapper) reach the same verdict on every combination.
 */
class KeyModeOracleTest {
  record Case(Path bundle, Path key, Path artifact) {}

  @Test
  void engineAndOracleAgreeOnEveryCombination() throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    Path pub = Vectors.dir("sigstore-js/pubkey");
    Path dsse = Vectors.dir("cosign/dsse-keyed");
    Path wrongKey = Vectors.dir("cosign/keys/public").resolve("cosign-ci.pub");
    List<Case> cases = new ArrayList<>();
    for (String b : List.of("bundle-pubkey-v03.sigstore.json", "bundle-pubkey-v03-minimal.sigstore.json",
        "bundle-pubkey-from-sigstore-sign.json")) {
      for (Path key : List.of(pub.resolve("key.pub.pem"), wrongKey)) {
        for (Path artifact : List.of(pub.resolve("blob.txt"), dsse.resolve("blob"))) {
          cases.add(new Case(pub.resolve(b), key, artifact));
        }
      }
    }
    try (var files = Files.list(dsse)) {
      for (Path b : files.filter(f -> f.toString().endsWith(".pubkey-bundle.sigstore.json")).sorted().toList()) {
        for (Path key : List.of(dsse.resolve("cosign.pub"), wrongKey)) {
          for (Path artifact : List.of(dsse.resolve("blob"), dsse.resolve("another-blob"))) {
            cases.add(new Case(b, key, artifact));
          }
        }
      }
    }
    List<OracleRequest> requests = new ArrayList<>();
    List<Boolean> engine = new ArrayList<>();
    for (Case c : cases) {
      byte[] artifact = Files.readAllBytes(c.artifact());
      requests.add(OracleRequest.withKey(c.bundle(), c.key(), c.artifact()));
      requests.add(OracleRequest.withKey(c.bundle(), c.key(), Digest.sha256(artifact)));
      PublicKey key = PublicKeys.parse(Files.readAllBytes(c.key()), c.key().toString());
      for (Artifact a : List.of(Artifact.of(artifact), Artifact.ofDigest(Digest.sha256(artifact).toString()))) {
        engine.add(engineAccepts(Files.readAllBytes(c.bundle()), a, key));
      }
    }
    List<OracleResult> results = oracle.verifyAll(requests);
    int accepted = 0;
    for (int i = 0; i < requests.size(); i++) {
      Case c = cases.get(i / 2);
      assertThat(engine.get(i)).as("%s with %s over %s (%s): oracle says %s", c.bundle().getFileName(),
          c.key().getFileName(), c.artifact().getFileName(), i % 2 == 0 ? "bytes" : "digest", results.get(i))
          .isEqualTo(results.get(i).ok());
      accepted += engine.get(i) ? 1 : 0;
    }
    assertThat(accepted).as("right key and artifact: 3 pubkey bundles and 2 dsse-keyed ones, bytes and digest").isEqualTo(10);
    assertThat(requests.size()).as("3 pubkey and 6 dsse-keyed bundles x 2 keys x 2 artifacts x bytes|digest").isEqualTo(72);
  }

  private static boolean engineAccepts(byte[] bundle, Artifact artifact, PublicKey key) {
    try {
      new SigstoreVerifier(TrustedRoot.empty()).verify(SigstoreBundle.parse(bundle), artifact,
          VerificationPolicy.forKey(key).withTlogThreshold(0));
      return true;
    } catch (VerificationException | BundleFormatException e) {
      return false;
    }
  }
}
