package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Promotion that keeps signatures (the Artifactory failure): copy, then verify at the destination. */
@ExtendWith(DockerRegistryExtension.class)
class ArtifactCopierTest {

  @Test
  void copy_bringsLegacyAndBundleSignatures_verifyPassesAtDestination(DockerRegistryPeer registry, @TempDir Path tmp)
      throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed image = f.push("copy-src", "v1");
    f.sign(image.byDigest(), SignatureFormat.LEGACY);
    f.sign(image.byDigest(), SignatureFormat.BUNDLE);
    Repository prod = f.repository(SigningFixtures.uniquePath("copy-dst"));
    ImageReference dst = ImageReference.of(prod, "v1");

    int before = registry.requestLog().size();
    CopyReport report = copier(f).copy(image.tagRef(), dst, CopyOptions.all());

    assertThat(report.subject()).isEqualTo(image.digest());
    assertThat(report.accessories()).extracting(Accessory::category).containsExactlyInAnyOrder("sig", "sig");
    assertThat(report.blobsMounted()).as("same registry: blobs are mounted, not uploaded").isPositive();
    assertThat(report.blobsCopied()).isZero();
    assertThat(registry.requestLog().subList(before, registry.requestLog().size()))
        .filteredOn(r -> r.method().equals("PATCH")).isEmpty();
    assertThat(f.client().headManifest(dst)).map(h -> h.digest()).contains(image.digest());

    VerificationReport verified = new ImageVerifier(f.client()).verify(dst, f.policy());
    assertThat(verified.signatures()).extracting(VerifiedSignature::format)
        .contains(SignatureFormat.BUNDLE);
    // the legacy signature travelled too
    ImageReference sigTag = ImageReference.of(prod, SignatureTags.signatureTag(image.digest()));
    assertThat(LegacySignatureImage.parse(f.client().getManifest(sigTag).bytes()).layers()).hasSize(1);
  }

  @Test
  void copy_onlySig_skipsOtherAccessories_andMergesExistingDestinationSignatures(DockerRegistryPeer registry,
      @TempDir Path tmp) throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed image = f.push("copy-merge", "v1");
    f.sign(image.byDigest(), SignatureFormat.LEGACY);
    Repository prod = f.repository(SigningFixtures.uniquePath("copy-merge-dst"));
    ImageReference dst = ImageReference.of(prod, "v1");
    copier(f).copy(image.tagRef(), dst, new CopyOptions(Set.of("sig"), false));
    // a second signer signs at the destination; then the source gets another signature and is re-promoted
    SigningFixtures other = new SigningFixtures(registry, tmp.resolve("other"));
    other.sign(dst.withDigest(image.digest()), SignatureFormat.LEGACY);
    f.sign(image.byDigest(), SignOptions.defaults().withFormat(SignatureFormat.LEGACY)
        .withAnnotations(SigningFixtures.annotations("env", "prod")));

    copier(f).copy(image.tagRef(), dst, new CopyOptions(Set.of("sig"), false));

    ImageReference sigTag = ImageReference.of(prod, SignatureTags.signatureTag(image.digest()));
    assertThat(LegacySignatureImage.parse(f.client().getManifest(sigTag).bytes()).layers())
        .as("destination signer's layer kept, both source layers present").hasSize(3);
    assertThat(new ImageVerifier(f.client()).verify(dst, other.policy()).signatures()).hasSize(1);
  }

  @Test
  void copy_refusesToMoveAnExistingDestinationTag_withoutForce(DockerRegistryPeer registry, @TempDir Path tmp)
      throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed a = f.push("copy-a", "v1");
    SigningFixtures.Pushed b = f.push("copy-b", "v1");
    ImageReference dst = b.tagRef();

    assertThatThrownBy(() -> copier(f).copy(a.tagRef(), dst, CopyOptions.all()))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("already points to " + b.digest())
        .hasMessageContaining("--force");
    assertThat(f.client().headManifest(dst)).map(h -> h.digest()).contains(b.digest());

    copier(f).copy(a.tagRef(), dst, new CopyOptions(Set.of(), true));
    assertThat(f.client().headManifest(dst)).map(h -> h.digest()).contains(a.digest());
  }

  @Test
  void copy_index_copiesChildrenAndTheirSignatures(DockerRegistryPeer registry, @TempDir Path tmp) throws Exception {
    SigningFixtures f = new SigningFixtures(registry, tmp);
    var layout = dev.signet.testing.oci.OciLayoutFixture.writeIndex(tmp.resolve("idx"), "v1", "copy-index");
    String path = SigningFixtures.uniquePath("copy-index");
    dev.signet.testing.registry.Skopeo.create().copy(layout, "docker://" + registry.repository(path + ":v1"));
    ImageReference src = SigningFixtures.parse(registry.repository(path + ":v1"));
    ResolvedImage resolved = new ImageResolver(f.client()).resolve(src);
    f.imageSigner().sign(resolved, f.signer(), SignOptions.defaults().withFormat(SignatureFormat.LEGACY).withRecursive(true));
    ImageReference dst = ImageReference.of(f.repository(SigningFixtures.uniquePath("copy-index-dst")), "v1");

    CopyReport report = copier(f).copy(src, dst, CopyOptions.all());

    assertThat(report.accessories()).hasSize(1 + layout.children().size());
    for (var child : layout.children()) {
      VerificationReport r = new ImageVerifier(f.client()).verify(dst.withDigest(child.digest()), f.policy());
      assertThat(r.signatures()).hasSize(1);
    }
  }

  private static ArtifactCopier copier(SigningFixtures f) {
    return new ArtifactCopier(f.client(), ProgressListener.NONE, SigningFixtures.noPause());
  }
}
