package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.ReferrersTagSchema;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code clean} against distribution 2.8, which refuses tag deletes (cosign falls back to the digest). */
@ExtendWith(DockerRegistryExtension.class)
class SignatureCleanerTest {

  @Test
  void cleanAll_removesLegacyTagAndBundleReferrers_thenVerifyFindsNothing(DockerRegistryPeer registry,
      @TempDir Path tmp) throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed image = f.push("clean-all", "v1");
    f.sign(image.byDigest(), SignatureFormat.LEGACY);
    f.sign(image.byDigest(), SignatureFormat.BUNDLE);

    List<Accessory> removed = new SignatureCleaner(f.client()).clean(image.repository(), image.digest(), CleanType.ALL);

    assertThat(removed).hasSize(2);
    assertThat(f.client().headManifest(ImageReference.of(image.repository(), SignatureTags.signatureTag(image.digest()))))
        .isEmpty();
    assertThat(f.client().headManifest(ImageReference.of(image.repository(), ReferrersTagSchema.tagFor(image.digest()))))
        .as("the emptied fallback tag is deleted too").isEmpty();
    assertThat(f.client().headManifest(image.tagRef())).as("the image itself stays").isPresent();
    assertThatThrownBy(() -> new ImageVerifier(f.client()).verify(image.byDigest(), f.policy()))
        .isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_SIGNATURES));
  }

  @Test
  void cleanSignature_removesV3SignatureBundlesToo_butNotSboms(DockerRegistryPeer registry, @TempDir Path tmp)
      throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed image = f.push("clean-sig", "v1");
    f.sign(image.byDigest(), SignatureFormat.BUNDLE);
    f.sign(image.byDigest(), SignatureFormat.LEGACY);

    assertThat(new SignatureCleaner(f.client()).clean(image.repository(), image.digest(), CleanType.SBOM)).isEmpty();
    assertThat(new SignatureCleaner(f.client()).clean(image.repository(), image.digest(), CleanType.SIGNATURE))
        .extracting(Accessory::category).containsExactlyInAnyOrder("sig", "sig");

    assertThat(f.client().referrers(image.repository(), image.digest(), Optional.empty()).referrers()).isEmpty();
  }

  @Test
  void clean_isIdempotent(DockerRegistryPeer registry, @TempDir Path tmp) throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed image = f.push("clean-twice", "v1");
    f.sign(image.byDigest(), SignatureFormat.LEGACY);
    SignatureCleaner cleaner = new SignatureCleaner(f.client());
    assertThat(cleaner.clean(image.repository(), image.digest(), CleanType.ALL)).hasSize(1);
    assertThat(cleaner.clean(image.repository(), image.digest(), CleanType.ALL)).isEmpty();
  }
}
