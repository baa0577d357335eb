package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureTags;
import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.oci.reference.ImageReference;
import dev.signet.sign.internal.Pauser;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * cosign's read-append-write of the {@code .sig} manifest loses signatures when signers race ("the last
 * write wins"). Against distribution 2.8, which ignores conditional requests, Signet must still keep
 * every signature: 20 concurrent legacy signers and 20 concurrent v3 signers, each with its own key.
 */
@ExtendWith(DockerRegistryExtension.class)
class ConcurrentSigningTest {
  private static final int SIGNERS = 20;

  @Test
  void concurrentLegacySigners_allSignaturesSurvive(DockerRegistryPeer registry, @TempDir Path tmp) throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed image = f.push("race-legacy", "v1");
    List<Signer> signers = signers();
    ResolvedImage resolved = new ImageResolver(f.client()).resolve(image.byDigest());
    ImageSigner signer = realPauses(f);
    runConcurrently(signers, s -> signer.sign(resolved, s, SignOptions.defaults().withFormat(SignatureFormat.LEGACY)));

    ImageReference sigTag = ImageReference.of(image.repository(), SignatureTags.signatureTag(image.digest()));
    LegacySignatureImage sig = LegacySignatureImage.parse(f.client().getManifest(sigTag).bytes());
    assertThat(sig.layers()).hasSize(SIGNERS);
    VerificationReport report = new ImageVerifier(f.client())
        .verify(image.byDigest(), VerificationPolicy.forKey(signers.get(7).publicKey()).withIgnoreTlog(true));
    assertThat(report.signatures()).hasSize(1);
  }

  @Test
  void concurrentBundleSigners_allReferrersListed(DockerRegistryPeer registry, @TempDir Path tmp) throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed image = f.push("race-bundle", "v1");
    List<Signer> signers = signers();
    ResolvedImage resolved = new ImageResolver(f.client()).resolve(image.byDigest());
    ImageSigner signer = realPauses(f);
    runConcurrently(signers, s -> signer.sign(resolved, s, SignOptions.defaults()));

    assertThat(f.client().referrers(image.repository(), image.digest(), java.util.Optional.empty()).referrers())
        .hasSize(SIGNERS);
    for (Signer s : List.of(signers.get(0), signers.get(SIGNERS - 1))) {
      VerificationReport report = new ImageVerifier(f.client())
          .verify(image.byDigest(), VerificationPolicy.forKey(s.publicKey()).withIgnoreTlog(true));
      assertThat(report.signatures()).hasSize(1);
    }
  }

  /** Each signer uses real pauses, as the CLI does, so the read-back window is exercised. */
  private static void runConcurrently(List<Signer> signers, ThrowingSign sign) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SIGNERS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Signer s : signers) {
        futures.add(pool.submit((Callable<Void>) () -> {
          sign.sign(s);
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Signer> signers() {
    List<Signer> out = new ArrayList<>();
    for (int i = 0; i < SIGNERS; i++) {
      out.add(Signers.from(KeyGenerator.generateEcdsaP256()));
    }
    return out;
  }

  @FunctionalInterface
  interface ThrowingSign {
    void sign(Signer s) throws Exception;
  }

  static ImageSigner realPauses(SigningFixtures f) {
    return new ImageSigner(f.client(), Clock.systemUTC(), Pauser.jittered());
  }
}
