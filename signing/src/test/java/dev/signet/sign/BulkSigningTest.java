package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.sign.internal.Pauser;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageSigner#signAll} on distribution 2.8 (no conditional writes, so every image reads its
 * fallback index back after a pause): with one worker, the images share ONE pause (all write, one pause,
 * all read back), every image ends up signed exactly once, and the results come back in order.
 */
@ExtendWith(DockerRegistryExtension.class)
class BulkSigningTest {
  @TempDir Path tmp;

  @Test
  void imagesShareOneReadBackPause(DockerRegistryPeer registry) throws Exception {
    SigningFixtures fx = new SigningFixtures(registry, tmp);
    List<ImageReference> refs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      refs.add(fx.push("bulksign/app", "v" + i).byDigest());
    }
    AtomicInteger settles = new AtomicInteger();
    Pauser slowSettle = new Pauser() {
      @Override
      public void pause(int attempt) {}

      @Override
      public void settle(long windowMillis) {
        settles.incrementAndGet();
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    var client = SigningFixtures.newClient(RetryPolicy.defaults());
    ImageSigner signer = new ImageSigner(client, Clock.systemUTC(), slowSettle);
    List<ResolvedImage> images = new ImageResolver(client).resolveAll(refs, 1);

    List<Future<List<SignResult>>> results = signer.signAll(images, fx.signer(), SignOptions.defaults(), 1);

    for (int i = 0; i < refs.size(); i++) {
      List<SignResult> r = results.get(i).get();
      assertThat(r).singleElement().satisfies(s -> assertThat(s.location()).isPresent());
      assertThat(r.get(0).image().digest()).as("result %d in order", i).isEqualTo(refs.get(i).digest().orElseThrow());
    }
    assertThat(settles.get()).as("read-back pauses for %d images signed in one run", refs.size()).isEqualTo(1);
    List<ImageVerifier.Outcome> outcomes = new ImageVerifier(client).verifyAll(refs, fx.policy(), 2);
    assertThat(outcomes).allSatisfy(o -> {
      assertThat(o.verified()).as("%s", o.failure()).isTrue();
      assertThat(o.report().orElseThrow().signatures()).hasSize(1);
    });
  }
}
