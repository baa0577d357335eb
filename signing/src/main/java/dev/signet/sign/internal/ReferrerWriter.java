package dev.signet.sign.internal;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.ReferrersTagSchema;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.SigningException;

/**
 * Stores a manifest that has a {@code subject} so that referrer listings find it: PUT by digest, and on
 * registries without the referrers API also list it in the subject's {@code sha256-<hex>} fallback
 * index. The index update is conditional where the registry supports it and read back otherwise, so
 * concurrent writers do not drop each other's entries.
 */
public final class ReferrerWriter {
  private static final int MAX_ATTEMPTS = 25;
  /** Manifest PUTs refused for a just-pushed blob (a distribution race) are retried this often. */
  private static final int BLOB_ATTEMPTS = 3;

  private final RegistryClient client;
  private final Pauser pauser;
  private final ConditionalWrites conditional;

  public ReferrerWriter(RegistryClient client, Pauser pauser) {
    this(client, pauser, new ConditionalWrites(client));
  }

  public ReferrerWriter(RegistryClient client, Pauser pauser, ConditionalWrites conditional) {
    this.client = client;
    this.pauser = pauser;
    this.conditional = conditional;
  }

  /** PUTs {@code manifest} (blobs must already be present) and links it to {@code subject}. */
  public Digest write(Repository repo, Digest subject, byte[] manifest, String mediaType) throws SigningException {
    try {
      Digest digest = client.putManifest(repo, Digest.sha256(manifest).toString(), manifest, mediaType);
      if (!client.supportsReferrersApi(repo)) {
        linkInFallbackIndex(repo, subject, ReferrersTagSchema.descriptorOf(manifest, mediaType));
      }
      return digest;
    } catch (RegistryException | ManifestFormatException e) {
      throw new SigningException("write referrer of " + repo + "@" + subject + ": " + e.getMessage(), e);
    }
  }

  /** Builds, uploads and links cosign's v3 bundle referrer manifest. */
  public Digest writeBundle(Repository repo, Descriptor subject, byte[] bundleJson, String predicateType,
      java.time.Instant created) throws SigningException {
    ImageManifest manifest = dev.signet.cosign.BundleReferrerManifest.build(bundleJson, predicateType, subject, created);
    byte[] config = dev.signet.cosign.BundleReferrerManifest.emptyConfig();
    for (int attempt = 1; ; attempt++) {
      try {
        client.pushBlob(repo, Digest.sha256(config), config);
        client.pushBlob(repo, Digest.sha256(bundleJson), bundleJson);
        return write(repo, subject.parsedDigest(), Manifests.toJson(manifest), MediaTypes.OCI_MANIFEST);
      } catch (RegistryException | dev.signet.oci.InvalidDigestException e) {
        throw new SigningException("upload bundle for " + repo + "@" + subject.digest() + ": " + e.getMessage(), e);
      } catch (SigningException e) {
        // distribution can briefly lose the link of a blob that concurrent signers (all pushing the same
        // empty config) committed at the same moment, and then refuses the manifest: push again, retry
        if (attempt >= BLOB_ATTEMPTS || !blobUnknown(e)) {
          throw e;
        }
        pauser.settle(10L * attempt);
      }
    }
  }

  private static boolean blobUnknown(SigningException e) {
    return e.getCause() instanceof RegistryException r && r.errors().stream()
        .anyMatch(err -> err.code() == ErrorCode.MANIFEST_BLOB_UNKNOWN || err.code() == ErrorCode.BLOB_UNKNOWN);
  }

  /** Adds {@code entry} to the fallback index until a read-back (after a settle pause) shows it. */
  public void linkInFallbackIndex(Repository repo, Digest subject, Descriptor entry) throws SigningException {
    ReferrersTagSchema schema = new ReferrersTagSchema(client);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        long started = System.nanoTime();
        schema.add(repo, subject, entry);
        if (honoursConditionalWrites(repo, subject)) {
          return; // ReferrersTagSchema wrote with If-Match / If-None-Match, which the registry checked
        }
        pauser.settle((System.nanoTime() - started) / 1_000_000);
        if (listed(repo, subject, entry.digest())) {
          return;
        }
      } catch (dev.signet.registry.client.PreconditionFailedException e) {
        // lost a race on a registry that checks preconditions: retry on fresh state
      } catch (RegistryException e) {
        throw new SigningException("update referrers fallback tag of " + repo + "@" + subject + ": " + e.getMessage(), e);
      }
      pauser.pause(attempt);
    }
    throw new SigningException("update referrers fallback tag of " + repo + "@" + subject
        + ": gave up after " + MAX_ATTEMPTS + " attempts because concurrent writers kept replacing it");
  }

  private boolean honoursConditionalWrites(Repository repo, Digest subject) throws RegistryException {
    ImageReference tag;
    try {
      tag = ImageReference.of(repo, ReferrersTagSchema.tagFor(subject));
    } catch (InvalidReferenceException e) {
      return false;
    }
    return conditional.honoured(repo, tag.identifier(), () -> {
      try {
        return java.util.Optional.of(client.getManifest(tag));
      } catch (NotFoundException e) {
        return java.util.Optional.empty();
      }
    });
  }

  private boolean listed(Repository repo, Digest subject, String digest) throws RegistryException {
    try {
      ImageReference tag = ImageReference.of(repo, ReferrersTagSchema.tagFor(subject));
      byte[] bytes = client.getManifest(tag).bytes();
      return Manifests.parseIndex(bytes).manifests().stream().anyMatch(d -> digest.equals(d.digest()));
    } catch (NotFoundException e) {
      return false;
    } catch (InvalidReferenceException | ManifestFormatException e) {
      return false;
    }
  }
}
