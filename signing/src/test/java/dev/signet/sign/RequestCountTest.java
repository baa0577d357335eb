package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.LoggedRequest;
import dev.signet.testing.registry.Skopeo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests per image for bulk sign and verify against distribution 2.8, counted from its access log:
 * the referrers API is probed once per repository, no blob is HEADed before a small upload, the empty
 * config goes up once per repository, the fallback index is read-modified-written once per image (plus
 * the read-back that guards against concurrent writers on a registry that ignores If-Match), and
 * verification needs three requests per image.
 */
@ExtendWith(DockerRegistryExtension.class)
class RequestCountTest {
  private static final int IMAGES = 6;

  @TempDir Path tmp;

  @Test
  void signsAndVerifiesV3BundlesWithFewRequestsPerImage(DockerRegistryPeer registry) throws Exception {
    SigningFixtures fx = new SigningFixtures(registry, tmp);
    List<ImageReference> refs = pushMany(registry, SigningFixtures.uniquePath("count/v3"));

    HttpRegistryClient signing = SigningFixtures.newClient(RetryPolicy.defaults());
    int before = registry.requestLog().size();
    ImageSigner signer = new ImageSigner(signing, Clock.systemUTC(), SigningFixtures.noPause());
    for (ResolvedImage image : new ImageResolver(signing).resolveAll(refs, 4)) {
      signer.sign(image, fx.signer(), SignOptions.defaults());
    }
    List<LoggedRequest> sign = since(registry, before);
    assertThat(count(sign, r -> r.method().equals("HEAD") && r.path().contains("/blobs/"))).as("blob HEADs").isZero();
    assertThat(count(sign, r -> r.path().contains("/referrers/"))).as("referrers probes").isEqualTo(1);
    // one POST per bundle, one for the empty config of the repository
    assertThat(count(sign, r -> r.method().equals("POST"))).as("upload POSTs").isEqualTo(IMAGES + 1);
    // per image: the fallback index read, its write and the read-back
    assertThat(count(sign, r -> r.method().equals("PUT") && r.path().matches(".*/manifests/sha256-[0-9a-f]{64}")))
        .as("fallback index PUTs").isBetween((long) IMAGES, IMAGES + 1L); // + the one conditional-write probe
    assertThat(count(sign, r -> r.method().equals("GET") && r.path().matches(".*/manifests/sha256-[0-9a-f]{64}")))
        .as("fallback index GETs").isBetween(2L * IMAGES, 2L * IMAGES + 1);
    // HEAD manifest, bundle POST + PUT, manifest PUT, fallback GET + PUT + GET = 7; + config 2, probe 1, If-Match probe 2
    assertThat(sign).as("sign requests").hasSizeLessThanOrEqualTo(7 * IMAGES + 5);

    HttpRegistryClient verifying = SigningFixtures.newClient(RetryPolicy.defaults());
    before = registry.requestLog().size();
    List<ImageVerifier.Outcome> outcomes = new ImageVerifier(verifying).verifyAll(refs, fx.policy(), 4);
    assertThat(outcomes).allMatch(ImageVerifier.Outcome::verified);
    List<LoggedRequest> verify = since(registry, before);
    assertThat(count(verify, r -> r.path().contains("/referrers/"))).as("referrers probes").isEqualTo(1);
    assertThat(count(verify, r -> r.path().equals("/v2/"))).as("batch discovery").isEqualTo(1);
    // per image: fallback index, bundle manifest, bundle blob
    assertThat(verify).as("verify requests").hasSize(3 * IMAGES + 2);
    assertThat(verifying.requestsSent()).isEqualTo(verify.size());
  }

  @Test
  void signsAndVerifiesLegacySignaturesWithFewRequestsPerImage(DockerRegistryPeer registry) throws Exception {
    SigningFixtures fx = new SigningFixtures(registry, tmp);
    List<ImageReference> refs = pushMany(registry, SigningFixtures.uniquePath("count/legacy"));
    HttpRegistryClient signing = SigningFixtures.newClient(RetryPolicy.defaults());
    int before = registry.requestLog().size();
    ImageSigner signer = new ImageSigner(signing, Clock.systemUTC(), SigningFixtures.noPause());
    for (ResolvedImage image : new ImageResolver(signing).resolveAll(refs, 4)) {
      signer.sign(image, fx.signer(), SignOptions.defaults().withFormat(SignatureFormat.LEGACY));
    }
    List<LoggedRequest> sign = since(registry, before);
    assertThat(count(sign, r -> r.method().equals("HEAD") && r.path().contains("/blobs/"))).as("blob HEADs").isZero();
    // HEAD manifest, payload POST + PUT, GET .sig, config POST + PUT, GET again, PUT .sig, GET x2 = 10, + If-Match probe
    assertThat(sign).as("sign requests").hasSizeLessThanOrEqualTo(10 * IMAGES + 1);

    HttpRegistryClient verifying = SigningFixtures.newClient(RetryPolicy.defaults());
    before = registry.requestLog().size();
    assertThat(new ImageVerifier(verifying).verifyAll(refs, fx.policy(), 4)).allMatch(ImageVerifier.Outcome::verified);
    List<LoggedRequest> verify = since(registry, before);
    // per image: fallback index (absent), .sig manifest, payload blob; once: referrers probe, batch discovery
    assertThat(count(verify, r -> r.path().contains("/referrers/"))).isEqualTo(1);
    assertThat(verify).as("verify requests").hasSize(3 * IMAGES + 2);
  }

  /** IMAGES distinct images in one repository, by digest. */
  private List<ImageReference> pushMany(DockerRegistryPeer registry, String path) {
    List<ImageReference> refs = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      LayoutImage image = OciLayoutFixture.writeImage(tmp.resolve(path + "-" + i), "v" + i, path + ":v" + i);
      Skopeo.create().copy(image, "docker://" + registry.repository(path + ":v" + i));
      refs.add(SigningFixtures.parse(registry.repository(path + "@" + image.digest())));
    }
    return refs;
  }

  private static List<LoggedRequest> since(DockerRegistryPeer registry, int before) throws InterruptedException {
    Thread.sleep(300); // the access log line is written after the answer
    List<LoggedRequest> all = registry.requestLog();
    return all.subList(before, all.size()).stream().filter(r -> r.userAgent().startsWith("signet")).toList();
  }

  private static long count(List<LoggedRequest> requests, Predicate<LoggedRequest> p) {
    return requests.stream().filter(p).count();
  }
}
