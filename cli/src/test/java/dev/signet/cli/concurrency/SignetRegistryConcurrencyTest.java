package dev.signet.cli.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureTags;
import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.server.RegistryServer;
import dev.signet.sign.ImageResolver;
import dev.signet.sign.ImageSigner;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SignOptions;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.internal.ConditionalWrites;
import dev.signet.sign.internal.Pauser;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the Signet registry, which checks {@code If-Match}, 20 legacy and 20 v3 signers racing on one
 * image keep 20 + 20 signatures without any read-back pause (the pauser counts settles and must see none).
 */
@ExtendWith(DockerRegistryExtension.class)
class SignetRegistryConcurrencyTest {
  private static final int SIGNERS = 20;

  @Test
  void twentyLegacyAndTwentyBundleSigners_keepFortySignatures(@TempDir Path tmp) throws Exception {
    try (RegistryServer server = RegistryServer.builder().port(0).dataDir(tmp.resolve("data")).build().start()) {
      HttpRegistryClient client = HttpRegistryClient.builder().build();
      Repository repo = Repository.parse("127.0.0.1:" + server.port() + "/race/app");
      Digest digest = pushImage(client, repo, tmp);
      CountingPauser pauser = new CountingPauser();
      ImageSigner signer = new ImageSigner(client, Clock.systemUTC(), pauser);
      ResolvedImage image = new ImageResolver(client).resolve(ImageReference.of(repo, digest));

      List<Signer> keys = new ArrayList<>();
      for (int i = 0; i < 2 * SIGNERS; i++) {
        keys.add(Signers.from(KeyGenerator.generateEcdsaP256()));
      }
      ExecutorService pool = Executors.newFixedThreadPool(2 * SIGNERS);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
          SignatureFormat format = i % 2 == 0 ? SignatureFormat.LEGACY : SignatureFormat.BUNDLE;
          Signer key = keys.get(i);
          futures.add(pool.submit((Callable<Void>) () -> {
            signer.sign(image, key, SignOptions.defaults().withFormat(format));
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }

      ImageReference sig = ImageReference.of(repo, SignatureTags.signatureTag(digest));
      assertThat(LegacySignatureImage.parse(client.getManifest(sig).bytes()).layers()).hasSize(SIGNERS);
      assertThat(client.referrers(repo, digest, Optional.empty()).referrers()).hasSize(SIGNERS);
      assertThat(pauser.settles.get()).as("no read-back pauses on a registry that checks preconditions").isZero();
    }
  }

  @Test
  void probe_tellsSignetFromDistribution(DockerRegistryPeer distribution, @TempDir Path tmp) throws Exception {
    HttpRegistryClient client = HttpRegistryClient.builder().build();
    try (RegistryServer server = RegistryServer.builder().port(0).dataDir(tmp.resolve("data")).build().start()) {
      Repository signet = Repository.parse("127.0.0.1:" + server.port() + "/probe/app");
      Repository peer = Repository.parse(distribution.repository("probe-" + System.nanoTime()));
      ConditionalWrites writes = new ConditionalWrites(client);
      for (Repository repo : List.of(signet, peer)) {
        client.putManifest(repo, "t", indexBytes(), dev.signet.oci.MediaTypes.OCI_INDEX);
      }
      assertThat(writes.honoured(signet, "t", indexBytes(), dev.signet.oci.MediaTypes.OCI_INDEX)).isTrue();
      assertThat(writes.honoured(peer, "t", indexBytes(), dev.signet.oci.MediaTypes.OCI_INDEX)).isFalse();
      assertThat(writes.known(peer)).contains(false);
    }
  }

  private static byte[] indexBytes() {
    return dev.signet.oci.Manifests.toJson(dev.signet.oci.ImageIndex.of(List.of()));
  }

  private static Digest pushImage(HttpRegistryClient client, Repository repo, Path tmp) throws Exception {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    client.pushBlob(repo, Digest.sha256(config), config);
    byte[] manifest = dev.signet.oci.Manifests.toJson(new dev.signet.oci.ImageManifest(2,
        dev.signet.oci.MediaTypes.OCI_MANIFEST,
        dev.signet.oci.Descriptor.of(dev.signet.oci.MediaTypes.OCI_CONFIG, Digest.sha256(config), config.length),
        List.of(), null, null, null));
    return client.putManifest(repo, "v1", manifest, dev.signet.oci.MediaTypes.OCI_MANIFEST);
  }

  /** Real backoff, but counts settles (which must not happen on a conditional registry). */
  private static final class CountingPauser implements Pauser {
    final AtomicInteger settles = new AtomicInteger();
    private final Pauser real = Pauser.jittered();

    @Override
    public void pause(int attempt) {
      real.pause(attempt);
    }

    @Override
    public void settle(long windowMillis) {
      settles.incrementAndGet();
      real.settle(windowMillis);
    }
  }
}
