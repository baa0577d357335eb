package dev.signet.registry.server.replication;

import dev.signet.cosign.SignatureTags;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.registry.server.testkit.TestManifests;
import dev.signet.sign.ImageResolver;
import dev.signet.sign.ImageSigner;
import dev.signet.sign.ImageVerifier;
import dev.signet.sign.SignOptions;
import dev.signet.sign.SignResult;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.SigningException;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.VerificationReport;
import dev.signet.sign.internal.Pauser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Real images, real signatures (a fresh P-256 key), real verification, through an HTTP registry client. */
final class ReplicationFixtures {
  private final PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
  private final RegistryClient client = HttpRegistryClient.builder().retryPolicy(RetryPolicy.none()).build();

  RegistryClient client() {
    return client;
  }

  java.security.PublicKey publicKey() {
    return key.publicKey();
  }

  /** Pushes a small image with content unique to {@code seed}; tagged unless {@code tag} is null. */
  Digest pushImage(Repository repo, String tag, String seed) throws RegistryException {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer of " + seed).getBytes(StandardCharsets.UTF_8);
    Digest c = Digest.sha256(config);
    Digest l = Digest.sha256(layer);
    client.pushBlob(repo, c, config);
    client.pushBlob(repo, l, layer);
    byte[] manifest = TestManifests.image(c, config.length, Map.of(l, (long) layer.length));
    Digest d = Digest.sha256(manifest);
    client.putManifest(repo, tag == null ? d.toString() : tag, manifest, MediaTypes.OCI_MANIFEST);
    return d;
  }

  /** Points {@code tag} at the manifest {@code digest} (a tag push). */
  void tag(Repository repo, Digest digest, String tag) throws RegistryException {
    Manifest m = client.getManifest(ImageReference.of(repo, digest));
    client.putManifest(repo, tag, m.bytes(), m.mediaType());
  }

  SignResult sign(Repository repo, Digest digest, SignatureFormat format) throws SigningException {
    return sign(repo, digest, format, key);
  }

  static SignResult sign(Repository repo, Digest digest, SignatureFormat format, PrivateKeyHandle with)
      throws SigningException {
    RegistryClient c = HttpRegistryClient.builder().retryPolicy(RetryPolicy.none()).build();
    var image = new ImageResolver(c).resolve(ImageReference.of(repo, digest));
    return new ImageSigner(c, Clock.systemUTC(), noPause()).sign(image, Signers.from(with),
        SignOptions.defaults().withFormat(format)).get(0);
  }

  VerificationReport verify(ImageReference ref) throws SigningException {
    return verify(ref, key);
  }

  static VerificationReport verify(ImageReference ref, PrivateKeyHandle key) throws SigningException {
    RegistryClient c = HttpRegistryClient.builder().retryPolicy(RetryPolicy.none()).build();
    return new ImageVerifier(c).verify(ref, VerificationPolicy.forKey(key.publicKey()).withIgnoreTlog(true));
  }

  /** The digest {@code repo:tag} points at, if it exists. */
  Optional<Digest> head(Repository repo, String tag) {
    try {
      return client.headManifest(ImageReference.of(repo, tag)).map(ManifestHead::digest);
    } catch (RegistryException | InvalidReferenceException e) {
      return Optional.empty();
    }
  }

  Optional<Digest> legacySignature(Repository repo, Digest subject) {
    return head(repo, SignatureTags.signatureTag(subject));
  }

  static ReplicationRule rule(String name, String source, String tags, URI destination, String prefix,
      Trigger trigger) {
    return new ReplicationRule(name, Glob.of(source), Glob.of(tags), destination, prefix, "", trigger,
        trigger == Trigger.CRON ? Optional.of(CronSchedule.parse("*/5 * * * *")) : Optional.empty(), true,
        Optional.empty());
  }

  static ImageReference ref(Repository repo, String tag) {
    try {
      return ImageReference.of(repo, tag);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Waits until {@code condition} holds (the background thread replicates), failing after 30 s. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  static Pauser noPause() {
    return new Pauser() {
      @Override
      public void pause(int attempt) {}

      @Override
      public void settle(long windowMillis) {}
    };
  }
}
