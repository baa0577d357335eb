package dev.signet.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.oci.Digest;
import dev.signet.oci.internal.GoJson;
import dev.signet.oci.reference.Repository;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * cosign's legacy "simple signing" payload ({@code sigstore/sigstore pkg/signature/payload}).
 * {@link #toJson()} reproduces cosign's bytes exactly:
 * {@code {"critical":{"identity":{"docker-reference":R},"image":{"docker-manifest-digest":D},"type":T},"optional":null|{…}}}.
 *
 * @param dockerReference {@code Repository.name()} of the signed image (no tag, no digest)
 * @param manifestDigest the digest string as written ({@code sha256:<hex>}); kept as text because a
 *     parsed payload may hold anything
 * @param type normally {@link #COSIGN_TYPE}
 * @param optional the {@code optional} object (deep, unmodifiable), or null for JSON {@code null}
 */
public record SimpleSigningPayload(
    String dockerReference, String manifestDigest, String type, Map<String, Object> optional) {

  public static final String COSIGN_TYPE = "cosign container image signature";

  public SimpleSigningPayload {
    if (optional != null) {
      optional = Collections.unmodifiableMap(new LinkedHashMap<>(optional));
    }
  }

  /**
   * The payload cosign signs for {@code repository@digest} with {@code -a} annotations (null or empty
   * gives {@code "optional":null}, as cosign without {@code -a}).
   */
  public static SimpleSigningPayload forImage(
      Repository repository, Digest digest, Map<String, String> annotations) {
    return of(repository.name(), digest, annotations);
  }

  /** As {@link #forImage}, with an explicit identity (cosign's {@code --sign-container-identity}). */
  public static SimpleSigningPayload of(String dockerReference, Digest digest, Map<String, String> annotations) {
    Map<String, Object> optional =
        annotations == null || annotations.isEmpty() ? null : new TreeMap<>(annotations);
    return new SimpleSigningPayload(dockerReference, digest.toString(), COSIGN_TYPE, optional);
  }

  /** The exact bytes cosign writes (Go JSON, no trailing newline). */
  public byte[] toJson() {
    return GoJson.write(
        new Wire(new Critical(new Identity(dockerReference), new Image(manifestDigest), type), optional));
  }

  /**
   * Parses a payload the way Go does: field names case-insensitively (old payloads spell
   * {@code Docker-manifest-digest}), unknown fields ignored, wrong value types rejected.
   */
  public static SimpleSigningPayload parse(byte[] json) throws PayloadFormatException {
    JsonNode root = JsonValues.readObject(json, "simple signing payload");
    JsonNode critical = JsonValues.object(root, "critical", "payload");
    String ref = null;
    String digest = null;
    String type = null;
    if (critical != null) {
      JsonNode identity = JsonValues.object(critical, "identity", "critical");
      JsonNode image = JsonValues.object(critical, "image", "critical");
      ref = identity == null ? null : JsonValues.string(identity, "docker-reference", "critical.identity");
      digest = image == null ? null : JsonValues.string(image, "docker-manifest-digest", "critical.image");
      type = JsonValues.string(critical, "type", "critical");
    }
    JsonNode optional = JsonValues.object(root, "optional", "payload");
    @SuppressWarnings("unchecked")
    Map<String, Object> opt = (Map<String, Object>) JsonValues.toJava(optional);
    return new SimpleSigningPayload(ref, digest, type, opt);
  }

  /** The string-valued entries of {@code optional} (the {@code -a} annotations). */
  public Map<String, String> annotations() {
    Map<String, String> out = new TreeMap<>();
    if (optional != null) {
      optional.forEach((k, v) -> {
        if (v instanceof String s) {
          out.put(k, s);
        }
      });
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * cosign's {@code SimpleClaimVerifier}: the manifest digest must equal {@code digest}, and every
   * required annotation must be present in {@code optional} as an equal string. The
   * {@code docker-reference} is not checked, as in cosign.
   */
  public ClaimCheck checkClaims(Digest digest, Map<String, String> requiredAnnotations) {
    if (!digest.toString().equals(manifestDigest)) {
      return ClaimCheck.fail(
          "invalid or missing digest in claim: " + (manifestDigest == null ? "<none>" : manifestDigest));
    }
    String missing = JsonValues.missingAnnotation(optional, requiredAnnotations);
    if (missing != null) {
      return ClaimCheck.fail("missing or incorrect annotation: " + missing);
    }
    return ClaimCheck.pass();
  }

  @JsonPropertyOrder({"critical", "optional"})
  private record Wire(Critical critical, Map<String, Object> optional) {}

  @JsonPropertyOrder({"identity", "image", "type"})
  private record Critical(Identity identity, Image image, String type) {}

  private record Identity(@JsonProperty("docker-reference") String dockerReference) {}

  private record Image(@JsonProperty("docker-manifest-digest") String dockerManifestDigest) {}
}
