package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.payload.SimpleSigningPayload;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code attach signature}: signatures made elsewhere (e.g. on an HSM) become verifiable in place. */
@ExtendWith(DockerRegistryExtension.class)
class SignatureAttacherTest {

  @Test
  void attachSignature_overGeneratedPayload_verifies(DockerRegistryPeer registry, @TempDir Path tmp) throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed image = f.push("attach-sig", "v1");
    ResolvedImage resolved = new ImageResolver(f.client()).resolve(image.byDigest());
    byte[] payload = SimpleSigningPayload.of(image.repository().name(), image.digest(), null).toJson();
    byte[] signature = f.signer().sign(payload); // "signed elsewhere"

    String where = attacher(f).attachSignature(resolved, signature, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), false);

    assertThat(where).endsWith(":" + image.digest().tagForm() + ".sig");
    assertThat(new ImageVerifier(f.client()).verify(image.byDigest(), f.policy()).signatures()).hasSize(1);
  }

  @Test
  void attachSignature_overAnotherImagesPayload_doesNotVerify(DockerRegistryPeer registry, @TempDir Path tmp)
      throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed image = f.push("attach-wrong", "v1");
    SigningFixtures.Pushed other = f.push("attach-other", "v1");
    byte[] payload = SimpleSigningPayload.of(other.repository().name(), other.digest(), null).toJson();
    ResolvedImage resolved = new ImageResolver(f.client()).resolve(image.byDigest());

    attacher(f).attachSignature(resolved, f.signer().sign(payload), Optional.of(payload), Optional.empty(),
        Optional.empty(), Optional.empty(), false);

    assertThatThrownBy(() -> new ImageVerifier(f.client()).verify(image.byDigest(), f.policy()))
        .isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_MATCHING_SIGNATURES));
  }

  @Test
  void attachBundle_madeOffline_becomesAReferrerThatVerifies(DockerRegistryPeer registry, @TempDir Path tmp)
      throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed image = f.push("attach-bundle", "v1");
    ResolvedImage resolved = new ImageResolver(f.client()).resolve(image.byDigest());
    SignResult offline = f.imageSigner().sign(resolved, f.signer(), SignOptions.defaults().withUpload(false)).get(0);
    assertThat(offline.location()).isEmpty();

    attacher(f).attachBundle(resolved, offline.payload(), Optional.empty());

    VerificationReport report = new ImageVerifier(f.client()).verify(image.byDigest(), f.policy());
    assertThat(report.signatures()).extracting(VerifiedSignature::format).containsExactly(SignatureFormat.BUNDLE);
  }

  private static SignatureAttacher attacher(SigningFixtures f) {
    return new SignatureAttacher(f.client(), Clock.systemUTC(), SigningFixtures.noPause());
  }
}
