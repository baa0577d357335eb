package dev.signet.sign.attest;

import dev.signet.bundle.BundleFormatException;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.cosign.BundleReferrerManifest;
import dev.signet.cosign.LayerLimitException;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.PayloadFormatException;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.ImageSigner;
import dev.signet.sign.SigningException;
import dev.signet.sign.internal.PayloadFetcher;
import dev.signet.sign.internal.SignatureFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an image's attestations (DSSE bundles among its referrers, then the layers of the legacy
 * {@code sha256-<hex>.att} image) and its legacy SBOM ({@code sha256-<hex>.sbom}). Only "not found"
 * means "none"; other registry failures are raised. Unreadable entries are reported to a warning sink
 * and skipped. Bundles of cosign's own {@code sign} statements are signatures, not attestations, and
 * are left out unless that predicate type is asked for.
 */
public final class AttachmentReader {
  /**
   * One attestation: where it was found, its envelope and predicate type, its bundle if it came in one,
   * and for a legacy layer its annotations (certificate, chain, Rekor bundle).
   */
  public record Found(String source, DsseEnvelope envelope, String predicateType, Optional<SigstoreBundle> bundle,
      java.util.Map<String, String> annotations) {
    public Found {
      annotations = annotations == null ? java.util.Map.of() : java.util.Map.copyOf(annotations);
    }
  }

  /** One SBOM layer. */
  public record Sbom(String mediaType, byte[] content) {}

  private final RegistryClient client;
  private final long maxBytes;
  private final PayloadFetcher blobs;

  public AttachmentReader(RegistryClient client, long maxBytes) {
    this.client = client;
    this.maxBytes = maxBytes;
    this.blobs = new PayloadFetcher(client, maxBytes);
  }

  /** Attestations of {@code digest} stored in {@code repo}, optionally only those of one predicate type URI. */
  public List<Found> attestations(Repository repo, Digest digest, Optional<String> predicateType, Consumer<String> warn)
      throws SigningException {
    List<Found> out = new ArrayList<>();
    for (Descriptor d : new SignatureFinder(client, maxBytes).referrers(repo, digest).bundles()) {
      bundle(repo, d, warn).ifPresent(f -> {
        boolean wanted = predicateType.map(t -> t.equals(f.predicateType()))
            .orElse(!ImageSigner.SIGN_PREDICATE_TYPE.equals(f.predicateType()));
        if (wanted) {
          out.add(f);
        }
      });
    }
    String tag = SignatureTags.attestationTag(digest);
    Optional<byte[]> att = manifest(tagReference(repo, tag));
    if (att.isPresent()) {
      List<Descriptor> layers;
      try {
        layers = LegacySignatureImage.parse(att.get()).layers();
      } catch (ManifestFormatException | LayerLimitException e) {
        throw new SigningException("read attestation manifest " + repo + ":" + tag + ": " + e.getMessage(), e);
      }
      for (Descriptor layer : layers) {
        legacy(repo, tag, layer, warn)
            .filter(f -> predicateType.map(t -> t.equals(f.predicateType())).orElse(true))
            .ifPresent(out::add);
      }
    }
    return out;
  }

  /** The layers of the {@code .sbom} image of {@code digest} in {@code repo}; empty when there is none. */
  public List<Sbom> sboms(Repository repo, Digest digest) throws SigningException {
    String tag = SignatureTags.sbomTag(digest);
    Optional<byte[]> bytes = manifest(tagReference(repo, tag));
    if (bytes.isEmpty()) {
      return List.of();
    }
    List<Sbom> out = new ArrayList<>();
    try {
      for (Descriptor layer : Manifests.parseManifest(bytes.get()).layers()) {
        PayloadFetcher.Fetched blob = blobs.fetch(repo, layer);
        if (blob.problem() != null) {
          throw new SigningException("fetch SBOM layer " + layer.digest() + " of " + repo + ":" + tag + ": "
              + blob.problem());
        }
        out.add(new Sbom(layer.mediaType(), blob.bytes()));
      }
    } catch (ManifestFormatException e) {
      throw new SigningException("read SBOM manifest " + repo + ":" + tag + ": " + e.getMessage(), e);
    }
    return out;
  }

  private Optional<Found> bundle(Repository repo, Descriptor d, Consumer<String> warn) throws SigningException {
    String where = repo + "@" + d.digest();
    Optional<ImageManifest> m = parsedManifest(repo, d);
    Optional<Descriptor> layer = m.flatMap(BundleReferrerManifest::bundleLayer);
    if (layer.isEmpty()) {
      return Optional.empty(); // not a bundle referrer: skipped silently, as cosign does
    }
    PayloadFetcher.Fetched blob = blobs.fetch(repo, layer.get());
    if (blob.problem() != null) {
      warn.accept("skipping bundle referrer " + where + ": " + blob.problem());
      return Optional.empty();
    }
    try {
      SigstoreBundle bundle = SigstoreBundle.parse(blob.bytes());
      if (!bundle.isDsse()) {
        return Optional.empty();
      }
      String type = InTotoStatement.fromEnvelope(bundle.dsseEnvelope()).predicateType();
      return Optional.of(new Found("bundle " + where, bundle.dsseEnvelope(), type, Optional.of(bundle), null));
    } catch (BundleFormatException | PayloadFormatException e) {
      warn.accept("skipping bundle referrer " + where + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<Found> legacy(Repository repo, String tag, Descriptor layer, Consumer<String> warn)
      throws SigningException {
    String where = "layer " + layer.digest() + " of " + repo + ":" + tag;
    if (!MediaTypes.DSSE_ENVELOPE.equals(layer.mediaType())) {
      warn.accept("skipping " + where + ": media type " + layer.mediaType() + " is not " + MediaTypes.DSSE_ENVELOPE);
      return Optional.empty();
    }
    PayloadFetcher.Fetched blob = blobs.fetch(repo, layer);
    if (blob.problem() != null) {
      warn.accept("skipping " + where + ": " + blob.problem());
      return Optional.empty();
    }
    try {
      DsseEnvelope envelope = DsseEnvelope.parse(blob.bytes());
      String type = SignatureAnnotations.fromMap(layer.annotationsOrEmpty()).predicateType();
      if (type == null || type.isEmpty()) {
        type = InTotoStatement.fromEnvelope(envelope).predicateType();
      }
      return Optional.of(new Found(where, envelope, type, Optional.empty(), layer.annotationsOrEmpty()));
    } catch (PayloadFormatException e) {
      warn.accept("skipping " + where + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<ImageManifest> parsedManifest(Repository repo, Descriptor d) throws SigningException {
    try {
      Optional<byte[]> bytes = manifest(ImageReference.of(repo, d.parsedDigest()));
      return bytes.isEmpty() ? Optional.empty() : Optional.of(Manifests.parseManifest(bytes.get()));
    } catch (InvalidDigestException | ManifestFormatException e) {
      return Optional.empty();
    }
  }

  private Optional<byte[]> manifest(ImageReference ref) throws SigningException {
    try {
      return Optional.of(client.getManifest(ref).bytes());
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RegistryException e) {
      throw new SigningException("fetch " + ref + ": " + e.getMessage(), e);
    }
  }

  private static ImageReference tagReference(Repository repo, String tag) throws SigningException {
    try {
      return ImageReference.of(repo, tag);
    } catch (InvalidReferenceException e) {
      throw new SigningException("invalid attachment tag " + repo + ":" + tag + ": " + e.getMessage(), e);
    }
  }
}
