package dev.signet.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.internal.GoJson;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.PayloadFormatException;
import java.util.Map;
import java.util.Objects;

/**
 * A Sigstore bundle (protobuf-specs {@code Bundle}) in its protojson form. Reads v0.1–v0.3 in both
 * media-type spellings; writes compact JSON with protojson names in proto declaration order. Exactly
 * one of {@code dsseEnvelope} and {@code messageSignature} is set.
 */
public record SigstoreBundle(
    String mediaType,
    VerificationMaterial verificationMaterial,
    DsseEnvelope dsseEnvelope,
    MessageSignature messageSignature) {

  public static final String MEDIA_TYPE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
  public static final String MEDIA_TYPE_V03_LEGACY = "application/vnd.dev.sigstore.bundle+json;version=0.3";
  public static final String MEDIA_TYPE_V02 = "application/vnd.dev.sigstore.bundle+json;version=0.2";
  public static final String MEDIA_TYPE_V01 = "application/vnd.dev.sigstore.bundle+json;version=0.1";

  private static final Map<String, String> VERSIONS = Map.of(
      MEDIA_TYPE_V01, "0.1", MEDIA_TYPE_V02, "0.2", MEDIA_TYPE_V03, "0.3", MEDIA_TYPE_V03_LEGACY, "0.3");

  public SigstoreBundle {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(verificationMaterial, "verificationMaterial");
    if ((dsseEnvelope == null) == (messageSignature == null)) {
      throw new IllegalArgumentException("a bundle holds exactly one of dsseEnvelope and messageSignature");
    }
  }

  /** A v0.3 bundle around a DSSE envelope. */
  public static SigstoreBundle ofDsse(VerificationMaterial material, DsseEnvelope envelope) {
    return new SigstoreBundle(MEDIA_TYPE_V03, material, envelope, null);
  }

  /** A v0.3 bundle around a message signature. */
  public static SigstoreBundle ofMessageSignature(VerificationMaterial material, MessageSignature signature) {
    return new SigstoreBundle(MEDIA_TYPE_V03, material, null, signature);
  }

  /** {@code 0.1}, {@code 0.2} or {@code 0.3}. */
  public String version() {
    return VERSIONS.get(mediaType);
  }

  public boolean isDsse() {
    return dsseEnvelope != null;
  }

  public static SigstoreBundle parse(byte[] json) throws BundleFormatException {
    JsonNode root = ProtoJson.readObject(json);
    String mediaType = ProtoJson.string(root, "mediaType");
    if (mediaType == null || !VERSIONS.containsKey(mediaType)) {
      throw new BundleFormatException("unsupported bundle media type: " + mediaType);
    }
    JsonNode vm = ProtoJson.object(root, "verificationMaterial");
    if (vm == null) {
      throw new BundleFormatException("bundle lacks verificationMaterial");
    }
    VerificationMaterial material = VerificationMaterial.fromJson(vm);
    if (material.kind() == VerificationMaterial.Kind.X509_CERTIFICATE_CHAIN && "0.3".equals(VERSIONS.get(mediaType))) {
      throw new BundleFormatException("a v0.3 bundle must use certificate, not x509CertificateChain");
    }
    JsonNode dsse = ProtoJson.object(root, "dsseEnvelope");
    JsonNode message = ProtoJson.object(root, "messageSignature");
    if ((dsse == null) == (message == null)) {
      throw new BundleFormatException("bundle needs exactly one of dsseEnvelope and messageSignature");
    }
    try {
      return new SigstoreBundle(
          mediaType,
          material,
          dsse == null ? null : DsseEnvelope.fromJson(dsse),
          message == null ? null : MessageSignature.fromJson(message));
    } catch (PayloadFormatException e) {
      throw new BundleFormatException("bad dsseEnvelope: " + e.getMessage(), e);
    }
  }

  /** Compact protojson: mediaType, verificationMaterial, then messageSignature or dsseEnvelope. */
  public byte[] toJson() {
    ObjectNode node = GoJson.MAPPER.createObjectNode();
    node.put("mediaType", mediaType);
    node.set("verificationMaterial", verificationMaterial.toJson());
    if (messageSignature != null) {
      node.set("messageSignature", messageSignature.toJson());
    } else {
      node.set("dsseEnvelope", dsseEnvelope.toJsonNode());
    }
    return GoJson.write(node);
  }
}
