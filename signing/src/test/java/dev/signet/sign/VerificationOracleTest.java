package dev.signet.sign;

import static dev.signet.sign.SigningFixtures.annotations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.cosign.BundleReferrerManifest;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.Manifests;
import dev.signet.oci.reference.ImageReference;
import dev.signet.payload.DsseEnvelope;
import dev.signet.sign.internal.BundleCandidate;
import dev.signet.sign.internal.VerificationCandidate;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundles {@link ImageSigner} stores are judged by an independent verifier, {@code @sigstore/verify}
 * (key mode, DSSE subject = image digest), and Signet's own bundle check agrees with it on each case.
 */
@ExtendWith(DockerRegistryExtension.class)
class VerificationOracleTest {
  @TempDir Path tmp;

  @Test
  void storedBundlesAreAcceptedByTheOracleAndTamperedOnesRejected(DockerRegistryPeer registry) throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    SigningFixtures fx = new SigningFixtures(registry, tmp);
    SigningFixtures.Pushed img = fx.push("oracle/app", "v1");
    fx.sign(img.tagRef(), SignOptions.defaults().withAnnotations(annotations("env", "prod")));

    byte[] stored = storedBundle(fx, img);
    SigstoreBundle bundle = SigstoreBundle.parse(stored);
    DsseEnvelope env = bundle.dsseEnvelope();
    byte[] sig = env.signatures().get(0).sig();
    sig[4] ^= 0x20;
    byte[] tampered = SigstoreBundle.ofDsse(bundle.verificationMaterial(),
        new DsseEnvelope(env.payloadType(), env.payload(), List.of(new DsseEnvelope.Signature(null, sig)))).toJson();

    Path pub = fx.writePublicKey(tmp.resolve("cosign.pub"));
    Path good = Files.write(tmp.resolve("good.sigstore.json"), stored);
    Path bad = Files.write(tmp.resolve("tampered.sigstore.json"), tampered);
    Digest other = new Digest("sha256", "0f".repeat(32));
    List<OracleResult> verdicts = oracle.verifyAll(List.of(
        OracleRequest.withKey(good, pub, img.digest()).requiringAnnotations(annotations("env", "prod")),
        OracleRequest.withKey(bad, pub, img.digest()),
        OracleRequest.withKey(good, pub, other)));

    assertThat(verdicts.get(0).ok()).as(verdicts.get(0).toString()).isTrue();
    assertThat(verdicts.get(1).ok()).as(verdicts.get(1).toString()).isFalse();
    assertThat(verdicts.get(2).code()).isEqualTo("SUBJECT_MISMATCH");

    VerificationPolicy policy = fx.policy().withAnnotations(annotations("env", "prod"));
    assertThat(signet(stored, img.byDigest(), img.digest(), policy).isVerified()).isTrue();
    assertThat(signet(tampered, img.byDigest(), img.digest(), policy).reason()).contains("invalid signature");
    assertThat(signet(stored, img.byDigest(), other, policy).reason()).contains("no matching subject digest");
    assertThat(new ImageVerifier(fx.client()).verify(img.tagRef(), policy).signatures()).hasSize(1);
  }

  private static VerificationCandidate.Verdict signet(byte[] bundle, ImageReference ref, Digest digest,
      VerificationPolicy policy) throws Exception {
    return new BundleCandidate(Digest.sha256(bundle), SigstoreBundle.parse(bundle))
        .check(new VerificationCandidate.Target(ref, digest, policy));
  }

  /** The bundle blob of the image's only referrer, read with plain registry calls. */
  private static byte[] storedBundle(SigningFixtures fx, SigningFixtures.Pushed img) throws Exception {
    List<Descriptor> referrers = fx.client().referrers(img.repository(), img.digest(), Optional.empty()).referrers();
    assertThat(referrers).hasSize(1);
    byte[] manifest = fx.client().getManifest(ImageReference.of(img.repository(),
        referrers.get(0).parsedDigest())).bytes();
    Descriptor layer = BundleReferrerManifest.bundleLayer(Manifests.parseManifest(manifest)).orElseThrow();
    return fx.client().getBlob(img.repository(), layer.parsedDigest(), 1 << 20);
  }
}
