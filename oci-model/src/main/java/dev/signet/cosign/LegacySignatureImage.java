package dev.signet.cosign;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.Manifests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * cosign's legacy signature image (the object under {@code sha256-<hex>.sig} or {@code .att}): an image
 * whose layers are signed payloads with {@link SignatureAnnotations}. Immutable; {@link #append}
 * returns a new image. Config and manifest bytes are exactly what go-containerregistry writes, so the
 * digests equal cosign's.
 */
public final class LegacySignatureImage {

  /** cosign's {@code maxLayers}. */
  public static final int MAX_LAYERS = 1000;

  private final String manifestMediaType;
  private final String configMediaType;
  private final List<Descriptor> layers;
  private final Instant created;

  private LegacySignatureImage(String manifestMediaType, String configMediaType, List<Descriptor> layers, Instant created) {
    this.manifestMediaType = manifestMediaType;
    this.configMediaType = configMediaType;
    this.layers = List.copyOf(layers);
    this.created = created;
  }

  /** An empty image with OCI media types (cosign's default). */
  public static LegacySignatureImage empty() {
    return empty(false);
  }

  /** An empty image; Docker schema 2 manifest and config types when {@code COSIGN_DOCKER_MEDIA_TYPES} is true. */
  public static LegacySignatureImage empty(boolean dockerMediaTypes) {
    return dockerMediaTypes
        ? new LegacySignatureImage(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, List.of(), null)
        : new LegacySignatureImage(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, List.of(), null);
  }

  /**
   * Reads an existing signature manifest, keeping its media types and layers. The config is
   * regenerated from the layers (as cosign's appends produce it), so an image last written with
   * {@code --record-creation-timestamp} needs {@link #withCreated} to keep its digest.
   */
  public static LegacySignatureImage parse(byte[] manifestJson) throws ManifestFormatException, LayerLimitException {
    ImageManifest m = Manifests.parseManifest(manifestJson);
    if (m.layers().size() > MAX_LAYERS) {
      throw new LayerLimitException(
          "number of layers (" + m.layers().size() + ") exceeded the limit (" + MAX_LAYERS + ")");
    }
    for (Descriptor l : m.layers()) {
      try {
        l.parsedDigest();
      } catch (InvalidDigestException e) {
        throw new ManifestFormatException("signature layer has an invalid digest: " + e.getMessage(), e);
      }
    }
    String mt = m.mediaType() == null ? MediaTypes.OCI_MANIFEST : m.mediaType();
    String cmt = m.config() == null || m.config().mediaType() == null ? MediaTypes.OCI_CONFIG : m.config().mediaType();
    return new LegacySignatureImage(mt, cmt, m.layers(), null);
  }

  /** The layer descriptor of a signed payload: uncompressed, so its digest is also its diff ID. */
  public static Descriptor layer(String layerMediaType, byte[] payload, SignatureAnnotations annotations) {
    return new Descriptor(layerMediaType, payload.length, Digest.sha256(payload).toString(), annotations.toMap(), null, null);
  }

  /** A simple-signing layer ({@code application/vnd.dev.cosign.simplesigning.v1+json}). */
  public static Descriptor simpleSigningLayer(byte[] payload, SignatureAnnotations annotations) {
    return layer(MediaTypes.COSIGN_SIMPLESIGNING, payload, annotations);
  }

  /** A DSSE attestation layer ({@code application/vnd.dsse.envelope.v1+json}). */
  public static Descriptor attestationLayer(byte[] envelopeJson, SignatureAnnotations annotations) {
    return layer(MediaTypes.DSSE_ENVELOPE, envelopeJson, annotations);
  }

  public List<Descriptor> layers() {
    return layers;
  }

  public String manifestMediaType() {
    return manifestMediaType;
  }

  public String configMediaType() {
    return configMediaType;
  }

  /** A copy whose config records this creation time ({@code --record-creation-timestamp}), or zero for null. */
  public LegacySignatureImage withCreated(Instant time) {
    return new LegacySignatureImage(manifestMediaType, configMediaType, layers, time);
  }

  /** A copy with {@code layer} appended. */
  public LegacySignatureImage append(Descriptor layer) throws LayerLimitException {
    if (layers.size() >= MAX_LAYERS) {
      throw new LayerLimitException("number of layers (" + (layers.size() + 1) + ") exceeded the limit (" + MAX_LAYERS + ")");
    }
    digestOf(layer);
    List<Descriptor> next = new ArrayList<>(layers);
    next.add(layer);
    return new LegacySignatureImage(manifestMediaType, configMediaType, next, created);
  }

  /**
   * cosign's {@code DupeDetector}: an existing layer that has the candidate's digest and media type,
   * carries every candidate annotation except the signature with an equal value, has a non-empty
   * signature, and that {@code existingSignatureVerifies} accepts (cosign: the existing signature
   * verifies over the new payload with the signer's key).
   */
  public Optional<Descriptor> findDuplicate(Descriptor candidate, Predicate<Descriptor> existingSignatureVerifies) {
    for (Descriptor existing : layers) {
      if (structurallyDuplicate(existing, candidate) && existingSignatureVerifies.test(existing)) {
        return Optional.of(existing);
      }
    }
    return Optional.empty();
  }

  /** Appends unless {@link #findDuplicate} finds one, in which case this image is returned unchanged. */
  public LegacySignatureImage appendUnlessDuplicate(Descriptor layer, Predicate<Descriptor> existingSignatureVerifies)
      throws LayerLimitException {
    return findDuplicate(layer, existingSignatureVerifies).isPresent() ? this : append(layer);
  }

  /** The config blob bytes. */
  public byte[] configBytes() {
    List<Digest> diffIds = new ArrayList<>();
    for (Descriptor l : layers) {
      diffIds.add(digestOf(l)); // uncompressed layers: diff ID == digest
    }
    return SignatureConfig.bytes(diffIds, created);
  }

  public Descriptor configDescriptor() {
    byte[] config = configBytes();
    return Descriptor.of(configMediaType, Digest.sha256(config), config.length);
  }

  public ImageManifest manifest() {
    return new ImageManifest(2, manifestMediaType, configDescriptor(), layers, null, null, null);
  }

  /** The manifest bytes to PUT. */
  public byte[] manifestBytes() {
    return Manifests.toJson(manifest());
  }

  public Digest manifestDigest() {
    return Digest.sha256(manifestBytes());
  }

  private static boolean structurallyDuplicate(Descriptor existing, Descriptor candidate) {
    Map<String, String> have = existing.annotationsOrEmpty();
    for (Map.Entry<String, String> e : candidate.annotationsOrEmpty().entrySet()) {
      if (!e.getKey().equals(SignatureAnnotations.SIGNATURE) && !e.getValue().equals(have.get(e.getKey()))) {
        return false;
      }
    }
    String sig = have.get(SignatureAnnotations.SIGNATURE);
    return existing.digest().equals(candidate.digest())
        && Objects.equals(existing.mediaType(), candidate.mediaType())
        && sig != null
        && !sig.isEmpty();
  }

  private static Digest digestOf(Descriptor layer) {
    try {
      return layer.parsedDigest();
    } catch (InvalidDigestException e) {
      throw new IllegalArgumentException("layer has an invalid digest: " + e.getMessage(), e);
    }
  }
}
