package dev.signet.sign.internal;

import dev.signet.cosign.LayerLimitException;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.Precondition;
import dev.signet.registry.client.PreconditionFailedException;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.SigningException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Appends a layer to a legacy {@code .sig}/{@code .att} signature image without losing a concurrent
 * signer's layer. cosign reads, appends and writes back unconditionally ("the last write wins"). Here
 * the write is conditional ({@code If-Match} on what was read, {@code If-None-Match: *} when creating),
 * so registries that honour preconditions (Signet's) answer 412 and the append is redone on fresh
 * state. Registries that ignore them (distribution 2.8) are handled by reading the tag back after the
 * write and a settle pause, and redoing the append until this run's layer is present.
 */
public final class LegacySignatureStore {
  private static final int MAX_ATTEMPTS = 25;

  private final RegistryClient client;
  private final Pauser pauser;
  private final ConditionalWrites conditional;

  public LegacySignatureStore(RegistryClient client, Pauser pauser) {
    this(client, pauser, new ConditionalWrites(client));
  }

  public LegacySignatureStore(RegistryClient client, Pauser pauser, ConditionalWrites conditional) {
    this.client = client;
    this.pauser = pauser;
    this.conditional = conditional;
  }

  /**
   * Appends {@code layer} (whose blob is {@code content}) to the image under {@code repo:tag}.
   *
   * @param duplicate cosign's dedupe rule for an existing, structurally equal layer
   * @return true if the layer was written, false if an equivalent one was already present
   */
  public boolean append(
      Repository repo,
      String tag,
      Descriptor layer,
      byte[] content,
      boolean dockerMediaTypes,
      Predicate<Descriptor> duplicate)
      throws SigningException {
    ImageReference ref = reference(repo, tag);
    boolean blobPushed = false;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        if (!blobPushed) {
          client.pushBlob(repo, Digest.parse(layer.digest()), content);
          blobPushed = true;
        }
        Optional<Manifest> current = read(ref);
        LegacySignatureImage image =
            current.isPresent()
                ? LegacySignatureImage.parse(current.get().bytes())
                : LegacySignatureImage.empty(dockerMediaTypes);
        if (image.findDuplicate(layer, duplicate).isPresent()) {
          return false;
        }
        LegacySignatureImage next = image.append(layer);
        byte[] config = next.configBytes();
        client.pushBlob(repo, Digest.sha256(config), config);
        // Narrow the lost-update window to one GET + PUT: if the tag moved while blobs uploaded, redo.
        // (Not needed where the registry checks the precondition below: it refuses a stale write.)
        long started = System.nanoTime();
        if (!conditional.known(repo).orElse(false) && !sameDigest(current, read(ref))) {
          continue;
        }
        Precondition condition =
            current.isEmpty()
                ? Precondition.ifNoneMatchAny()
                : Precondition.ifMatch(current.get().etag().orElse("\"" + current.get().digest() + "\""));
        byte[] written = next.manifestBytes();
        client.putManifest(repo, tag, written, next.manifestMediaType(), condition);
        if (conditional.honoured(repo, tag, written, next.manifestMediaType())) {
          return true; // the registry checked our precondition: nothing was overwritten
        }
        // one read-back after the settle pause (shared by a bulk run's images) catches a concurrent
        // writer that read before our write and overwrote it
        pauser.settle((System.nanoTime() - started) / 1_000_000);
        if (present(ref, layer)) {
          return true;
        }
      } catch (PreconditionFailedException e) {
        // Another signer wrote first: start over from what is there now.
      } catch (RegistryException e) {
        if (!blobRaced(e) || attempt == MAX_ATTEMPTS) {
          throw new SigningException("append signature to " + ref + ": " + e.getMessage(), e);
        }
        blobPushed = false; // a concurrent upload of the same blob was not visible yet: push again
      } catch (ManifestFormatException | LayerLimitException | dev.signet.oci.InvalidDigestException e) {
        throw new SigningException("append signature to " + ref + ": the existing signature manifest is unusable: "
            + e.getMessage(), e);
      }
      pauser.pause(attempt);
    }
    throw new SigningException(
        "append signature to " + ref + ": gave up after " + MAX_ATTEMPTS
            + " attempts because concurrent writers kept replacing the signature manifest");
  }

  /**
   * distribution can answer MANIFEST_BLOB_UNKNOWN when another signer uploads the identical config blob
   * at the same moment; the next attempt uploads again.
   */
  private static boolean blobRaced(RegistryException e) {
    return e.errors().stream().anyMatch(err -> err.code() == ErrorCode.MANIFEST_BLOB_UNKNOWN);
  }

  private static boolean sameDigest(Optional<Manifest> a, Optional<Manifest> b) {
    return a.map(Manifest::digest).equals(b.map(Manifest::digest));
  }

  private Optional<Manifest> read(ImageReference ref) throws RegistryException {
    try {
      return Optional.of(client.getManifest(ref));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private boolean present(ImageReference ref, Descriptor layer) throws RegistryException {
    Optional<Manifest> now = read(ref);
    if (now.isEmpty()) {
      return false;
    }
    try {
      String sig = layer.annotationsOrEmpty().get(dev.signet.cosign.SignatureAnnotations.SIGNATURE);
      for (Descriptor d : LegacySignatureImage.parse(now.get().bytes()).layers()) {
        if (d.digest().equals(layer.digest())
            && Objects.equals(d.annotationsOrEmpty().get(dev.signet.cosign.SignatureAnnotations.SIGNATURE), sig)) {
          return true;
        }
      }
      return false;
    } catch (ManifestFormatException | LayerLimitException e) {
      return false;
    }
  }

  private static ImageReference reference(Repository repo, String tag) throws SigningException {
    try {
      return ImageReference.of(repo, tag);
    } catch (InvalidReferenceException e) {
      throw new SigningException("invalid signature tag " + tag + ": " + e.getMessage(), e);
    }
  }
}
