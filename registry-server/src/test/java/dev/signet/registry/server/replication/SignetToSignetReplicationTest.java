package dev.signet.registry.server.replication;

import static dev.signet.registry.server.replication.ReplicationFixtures.await;
import static dev.signet.registry.server.replication.ReplicationFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.cosign.SignatureTags;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ReferrersResult;
import dev.signet.registry.server.testkit.TestRegistry;
import dev.signet.sign.SignResult;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.VerificationReport;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-based replication from one Signet registry to another (both real servers on free ports): images
 * and every accessory arrive whatever order they were pushed in, and referrers stay referrers.
 */
class SignetToSignetReplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void imageThenSignatures_eachEventReplicates_verifyPassesAtDestination() throws Exception {
    try (TestRegistry dst = TestRegistry.start(tmp.resolve("dst"));
        ReplicatingRegistry src = ReplicatingRegistry.start(tmp.resolve("src"), Clock.systemUTC(),
            b -> b.pollInterval(Duration.ofMillis(100)))) {
      ReplicationFixtures f = new ReplicationFixtures();
      src.replication().addRule(ReplicationFixtures.rule("to-signet", "prod/**", "v*", dst.url(), "mirror",
          Trigger.EVENT));
      Repository app = src.repository("prod/app");
      Repository mirror = dst.repository("mirror/prod/app");

      Digest image = f.pushImage(app, "v1", "signet-a");
      await("the image at the destination", () -> f.head(mirror, "v1").equals(Optional.of(image)));

      // a Sigstore bundle (an OCI 1.1 referrer) pushed after the subject was replicated
      SignResult bundle = f.sign(app, image, SignatureFormat.BUNDLE);
      String bundleDigest = bundle.location().orElseThrow().replaceFirst(".*@", "");
      await("the bundle at the destination", () -> referrerDigests(dst, "mirror/prod/app", image)
          .contains(bundleDigest));
      VerificationReport verified = f.verify(ref(mirror, "v1"));
      assertThat(verified.signatures()).isNotEmpty();
      assertThat(verified.bundlesVerified()).isTrue();
      ReferrersResult listed = f.client().referrers(mirror, image, Optional.empty());
      assertThat(listed.source()).as("kept as a referrer").isEqualTo(ReferrersResult.Source.REFERRERS_API);
      assertThat(f.head(mirror, SignatureTags.referrersFallbackTag(image))).as("no fallback tag needed").isEmpty();

      // a legacy .sig pushed after the subject was replicated
      f.sign(app, image, SignatureFormat.LEGACY);
      Digest sig = f.legacySignature(app, image).orElseThrow();
      await("the legacy signature at the destination", () -> f.legacySignature(mirror, image)
          .equals(Optional.of(sig)));

      // tags outside the pattern stay home
      Digest dev = f.pushImage(app, "dev", "signet-dev");
      Digest other = f.pushImage(src.repository("staging/app"), "v1", "signet-staging");
      Digest v2 = f.pushImage(app, "v2", "signet-v2");
      await("v2 at the destination", () -> f.head(mirror, "v2").equals(Optional.of(v2)));
      assertThat(f.head(mirror, "dev")).isEmpty();
      assertThat(f.head(dst.repository("mirror/staging/app"), "v1")).isEmpty();
      assertThat(src.replication().jobs(Optional.empty(), Optional.empty(), 100))
          .extracting(ReplicationJob::subject).doesNotContain(dev, other);
    }
  }

  @Test
  void signaturesPushedBeforeTheSubjectsReplication_arriveWithIt() throws Exception {
    try (TestRegistry dst = TestRegistry.start(tmp.resolve("dst"));
        ReplicatingRegistry src = ReplicatingRegistry.start(tmp.resolve("src"), Clock.systemUTC(),
            b -> b.pollInterval(Duration.ofMillis(100)))) {
      ReplicationFixtures f = new ReplicationFixtures();
      src.replication().addRule(ReplicationFixtures.rule("early", "team/**", "*", dst.url(), "", Trigger.EVENT));
      Repository app = src.repository("team/api");
      Repository there = dst.repository("team/api");
      Digest image = f.pushImage(app, null, "early-signed"); // by digest: not selected yet
      f.sign(app, image, SignatureFormat.BUNDLE);
      f.sign(app, image, SignatureFormat.LEGACY);
      Thread.sleep(300);
      assertThat(f.head(there, image.toString())).as("nothing replicated before the tag").isEmpty();

      f.tag(app, image, "1.0");
      await("the image at the destination", () -> f.head(there, "1.0").equals(Optional.of(image)));
      assertThat(f.verify(ref(there, "1.0")).signatures()).isNotEmpty();
      assertThat(f.legacySignature(there, image)).isEqualTo(f.legacySignature(app, image));

      // a second signer, after: arrives on its own event
      PrivateKeyHandle second = KeyGenerator.generateEcdsaP256();
      ReplicationFixtures.sign(app, image, SignatureFormat.BUNDLE, second);
      await("the second signature verifies at the destination", () -> verifies(ref(there, "1.0"), second));
    }
  }

  static boolean verifies(ImageReference ref, PrivateKeyHandle key) {
    try {
      ReplicationFixtures.verify(ref, key);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** The digests the destination's referrers API lists for {@code subject}. */
  static List<String> referrerDigests(TestRegistry registry, String repo, Digest subject) {
    HttpResponse<byte[]> r = registry.send("GET", "/v2/" + repo + "/referrers/" + subject, null);
    List<String> out = new ArrayList<>();
    if (r.statusCode() != 200) {
      return out;
    }
    try {
      for (JsonNode m : JSON.readTree(r.body()).path("manifests")) {
        out.add(m.path("digest").asText());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }
}
