package dev.signet.cosign;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * cosign v3's referrer manifest for a Sigstore bundle ({@code WriteAttestationNewBundleFormat}): the
 * empty {@code {}} config typed {@code application/vnd.oci.empty.v1+json} with a non-standard but
 * load-bearing {@code config.artifactType}, one bundle layer, the {@code dev.sigstore.bundle.*} and
 * {@code org.opencontainers.image.created} annotations, the subject, and a trailing top-level
 * {@code artifactType}.
 */
public final class BundleReferrerManifest {

  public static final String ARTIFACT_TYPE = MediaTypes.SIGSTORE_BUNDLE_V03;
  public static final String CONTENT_ANNOTATION = "dev.sigstore.bundle.content";
  public static final String PREDICATE_TYPE_ANNOTATION = "dev.sigstore.bundle.predicateType";
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";
  /** The only {@code dev.sigstore.bundle.content} value cosign writes. */
  public static final String DSSE_CONTENT = "dsse-envelope";
  public static final String MESSAGE_SIGNATURE_CONTENT = "message-signature";
  /** sha256 of {@code {}}. */
  public static final Digest EMPTY_CONFIG_DIGEST =
      new Digest("sha256", "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");

  private static final DateTimeFormatter RFC3339_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private BundleReferrerManifest() {}

  /** The two-byte config blob {@code {}} to upload before the manifest. */
  public static byte[] emptyConfig() {
    return "{}".getBytes(StandardCharsets.US_ASCII);
  }

  /** The manifest cosign writes for a DSSE bundle (content {@code dsse-envelope}). */
  public static ImageManifest build(byte[] bundleJson, String predicateType, Descriptor subject, Instant created) {
    return build(bundleJson, DSSE_CONTENT, predicateType, subject, created);
  }

  /**
   * The manifest for a bundle. {@code created} is truncated to seconds (cosign formats
   * {@code time.Now().UTC()} as RFC 3339); {@code predicateType} null omits that annotation. The subject
   * is reduced to {@code mediaType, size, digest}.
   */
  public static ImageManifest build(
      byte[] bundleJson, String content, String predicateType, Descriptor subject, Instant created) {
    Descriptor config = new Descriptor(MediaTypes.OCI_EMPTY, 2, EMPTY_CONFIG_DIGEST.toString(), null, null, ARTIFACT_TYPE);
    Descriptor layer = Descriptor.of(ARTIFACT_TYPE, Digest.sha256(bundleJson), bundleJson.length);
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(CONTENT_ANNOTATION, content);
    if (predicateType != null) {
      annotations.put(PREDICATE_TYPE_ANNOTATION, predicateType);
    }
    annotations.put(CREATED_ANNOTATION, RFC3339_SECONDS.format(created.truncatedTo(ChronoUnit.SECONDS)));
    Descriptor subj = new Descriptor(subject.mediaType(), subject.size(), subject.digest(), null, null, null);
    return new ImageManifest(2, MediaTypes.OCI_MANIFEST, config, List.of(layer), annotations, subj, ARTIFACT_TYPE);
  }

  /** Compact Go-order bytes of a manifest (to PUT by digest). */
  public static byte[] toJson(ImageManifest manifest) {
    return Manifests.toJson(manifest);
  }

  /**
   * cosign's read-side test: exactly one layer, whose media type starts with
   * {@code application/vnd.dev.sigstore.bundle}.
   */
  public static boolean isBundleReferrer(ImageManifest manifest) {
    return bundleLayer(manifest).isPresent();
  }

  /** The bundle layer of a bundle referrer, else empty. */
  public static Optional<Descriptor> bundleLayer(ImageManifest manifest) {
    List<Descriptor> layers = manifest.layers();
    if (layers.size() != 1) {
      return Optional.empty();
    }
    String mt = layers.get(0).mediaType();
    return mt != null && mt.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX) ? Optional.of(layers.get(0)) : Optional.empty();
  }

  /** The predicate type annotation, if present. */
  public static Optional<String> predicateType(ImageManifest manifest) {
    return Optional.ofNullable(manifest.annotationsOrEmpty().get(PREDICATE_TYPE_ANNOTATION));
  }
}
