package dev.signet.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI content descriptor. Field order follows go-containerregistry's {@code v1.Descriptor}
 * (mediaType, size, digest, annotations, platform, artifactType) so serialised bytes match cosign's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mediaType", "size", "digest", "annotations", "platform", "artifactType"})
public record Descriptor(
    String mediaType,
    long size,
    String digest,
    Map<String, String> annotations,
    Platform platform,
    String artifactType) {

  public Descriptor {
    annotations = annotations == null || annotations.isEmpty() ? null : new TreeMap<>(annotations);
  }

  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, size, digest.toString(), null, null, null);
  }

  /** The parsed digest; throws if the descriptor came from a document with a malformed digest. */
  public Digest parsedDigest() throws InvalidDigestException {
    return Digest.parse(digest);
  }

  public Map<String, String> annotationsOrEmpty() {
    return annotations == null ? Map.of() : annotations;
  }

  public Descriptor withAnnotations(Map<String, String> a) {
    return new Descriptor(mediaType, size, digest, a, platform, artifactType);
  }

  public Descriptor withArtifactType(String type) {
    return new Descriptor(mediaType, size, digest, annotations, platform, type);
  }

  /** A platform in an image index. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"architecture", "os", "os.version", "variant"})
  public record Platform(String architecture, String os, String variant) {}
}
