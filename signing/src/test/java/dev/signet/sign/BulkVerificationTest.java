package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.reference.ImageReference;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageVerifier#verifyAll}: parallel, in input order, one outcome per image. */
@ExtendWith(DockerRegistryExtension.class)
class BulkVerificationTest {
  @TempDir Path tmp;

  @Test
  void verifiesManyImagesInParallelAndKeepsTheirOrder(DockerRegistryPeer registry) throws Exception {
    SigningFixtures fx = new SigningFixtures(registry, tmp);
    List<ImageReference> refs = new ArrayList<>();
    List<SignatureFormat> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      SigningFixtures.Pushed img = fx.push("bulk/app", "v" + i);
      SignatureFormat format = i % 3 == 0 ? null : i % 3 == 1 ? SignatureFormat.BUNDLE : SignatureFormat.LEGACY;
      if (format != null) {
        fx.sign(img.tagRef(), format);
      }
      refs.add(i % 2 == 0 ? img.tagRef() : img.byDigest());
      expected.add(format);
    }
    refs.add(SigningFixtures.parse("127.0.0.1:" + SigningFixtures.closedPort() + "/bulk/gone:v1"));
    expected.add(null);

    List<ImageVerifier.Outcome> outcomes =
        new ImageVerifier(SigningFixtures.newClient(dev.signet.registry.client.RetryPolicy.none()))
            .verifyAll(refs, fx.policy(), 4);

    assertThat(outcomes).extracting(ImageVerifier.Outcome::reference).containsExactlyElementsOf(refs);
    for (int i = 0; i < refs.size(); i++) {
      ImageVerifier.Outcome o = outcomes.get(i);
      if (expected.get(i) != null) {
        assertThat(o.verified()).as("image %d", i).isTrue();
        assertThat(o.report().orElseThrow().format()).isEqualTo(expected.get(i));
        assertThat(o.report().orElseThrow().reference()).isEqualTo(refs.get(i));
      } else if (i < 10) {
        assertThat(o.failure()).get().isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_SIGNATURES));
      } else {
        assertThat(o.failure()).get().isInstanceOf(SigningException.class)
            .isNotInstanceOf(VerificationException.class);
      }
    }
  }
}
