package dev.signet.registry.server.replication;

import static dev.signet.registry.server.replication.ReplicationFixtures.await;
import static dev.signet.registry.server.replication.ReplicationFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ReferrersResult;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.VerificationReport;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.LoggedRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication from Signet to Debian's docker-registry (distribution 2.8, no referrers API): referrers
 * travel through the {@code sha256-<hex>} fallback tag, legacy signatures as tags, in either push order.
 */
@ExtendWith(DockerRegistryExtension.class)
class SignetToDistributionReplicationTest {
  private static final Set<String> WRITES = Set.of("PUT", "POST", "PATCH", "DELETE");

  @TempDir Path tmp;

  @Test
  void signaturesBeforeAndAfterTheSubject_verifyPassesThroughTheFallbackTag(DockerRegistryPeer peer)
      throws Exception {
    String prefix = "fallback-" + Long.toString(System.nanoTime(), 36);
    try (ReplicatingRegistry src = ReplicatingRegistry.start(tmp.resolve("src"), Clock.systemUTC(),
        b -> b.pollInterval(Duration.ofMillis(100)))) {
      ReplicationFixtures f = new ReplicationFixtures();
      src.replication().addRule(ReplicationFixtures.rule("to-distribution", "apps/**", "release-*", peer.url(),
          prefix, Trigger.EVENT));
      Repository app = src.repository("apps/web");
      Repository there = Repository.parse(peer.repository(prefix + "/apps/web"));

      // before: a bundle and a legacy signature on a subject not yet selected (no tag)
      Digest image = f.pushImage(app, null, "dist-a");
      f.sign(app, image, SignatureFormat.BUNDLE);
      f.sign(app, image, SignatureFormat.LEGACY);
      f.tag(app, image, "release-1");
      await("the image at the destination", () -> f.head(there, "release-1").equals(Optional.of(image)));
      VerificationReport verified = f.verify(ref(there, "release-1"));
      assertThat(verified.bundlesVerified()).isTrue();
      assertThat(f.head(there, SignatureTags.referrersFallbackTag(image))).as("fallback index written").isPresent();
      assertThat(f.client().referrers(there, image, Optional.empty()).source())
          .isEqualTo(ReferrersResult.Source.FALLBACK_TAG);
      assertThat(f.legacySignature(there, image)).isEqualTo(f.legacySignature(app, image));

      // after: a second signer's bundle arrives on its own event, listed in the fallback index
      PrivateKeyHandle second = KeyGenerator.generateEcdsaP256();
      ReplicationFixtures.sign(app, image, SignatureFormat.BUNDLE, second);
      await("the second signature verifies at the destination",
          () -> SignetToSignetReplicationTest.verifies(ref(there, "release-1"), second));
      assertThat(f.client().referrers(there, image, Optional.empty()).referrers()).hasSize(2);
      assertThat(f.verify(ref(there, "release-1")).signatures()).isNotEmpty();
    }
  }

  @Test
  void replicatingAgain_writesNothing(DockerRegistryPeer peer) throws Exception {
    String prefix = "idem-" + Long.toString(System.nanoTime(), 36);
    try (ReplicatingRegistry src = ReplicatingRegistry.start(tmp.resolve("src"), Clock.systemUTC(),
        b -> b.pollInterval(null))) {
      ReplicationFixtures f = new ReplicationFixtures();
      src.replication().addRule(ReplicationFixtures.rule("idem", "lib/**", "*", peer.url(), prefix, Trigger.MANUAL));
      Repository lib = src.repository("lib/core");
      Digest image = f.pushImage(lib, "2.0", "idem-a");
      f.sign(lib, image, SignatureFormat.BUNDLE);
      f.sign(lib, image, SignatureFormat.LEGACY);

      assertThat(src.replication().run("idem")).isEqualTo(1);
      src.replication().tick();
      ReplicationJob first = onlyJob(src);
      assertThat(first.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(first.result().orElseThrow()).startsWith("copied to");

      Thread.sleep(500);
      int before = peer.requestLog().size();
      src.replication().run("idem");
      src.replication().tick();
      ReplicationJob second = onlyJob(src);
      assertThat(second.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(second.result().orElseThrow()).startsWith("up to date");
      Thread.sleep(500); // the peer's access log is read asynchronously
      List<LoggedRequest> log = peer.requestLog();
      List<LoggedRequest> since = log.subList(before, log.size());
      assertThat(since).as("only reads the second time").isNotEmpty()
          .noneMatch(r -> WRITES.contains(r.method()));
      assertThat(f.verify(ref(Repository.parse(peer.repository(prefix + "/lib/core")), "2.0")).signatures())
          .isNotEmpty();
    }
  }

  static ReplicationJob onlyJob(ReplicatingRegistry src) {
    List<ReplicationJob> jobs = src.replication().jobs(Optional.empty(), Optional.empty(), 10);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }
}
