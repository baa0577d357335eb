package dev.signet.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Digest;
import dev.signet.oci.internal.Base64s;
import dev.signet.oci.internal.GoJson;
import java.util.Arrays;
import java.util.Objects;

/**
 * A bundle's {@code messageSignature}: {@code messageDigest{algorithm, digest}} (optional in the proto)
 * and the signature over the artifact.
 *
 * @param algorithm protobuf {@code HashAlgorithm} name such as {@code SHA2_256}, or null without a digest
 */
public record MessageSignature(String algorithm, byte[] digest, byte[] signature) {

  public static final String SHA2_256 = "SHA2_256";
  public static final String SHA2_384 = "SHA2_384";
  public static final String SHA2_512 = "SHA2_512";

  public MessageSignature {
    digest = digest == null ? null : digest.clone();
    signature = Objects.requireNonNull(signature, "signature").clone();
  }

  /** A signature over an artifact with the given OCI-style digest ({@code sha256}/{@code sha512}). */
  public static MessageSignature of(Digest artifactDigest, byte[] signature) {
    String alg = Digest.SHA512.equals(artifactDigest.algorithm()) ? SHA2_512 : SHA2_256;
    return new MessageSignature(alg, artifactDigest.bytes(), signature);
  }

  @Override
  public byte[] digest() {
    return digest == null ? null : digest.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  static MessageSignature fromJson(JsonNode node) throws BundleFormatException {
    JsonNode md = ProtoJson.object(node, "messageDigest");
    String alg = md == null ? null : ProtoJson.string(md, "algorithm");
    byte[] digest = md == null ? null : ProtoJson.bytes(md, "digest");
    return new MessageSignature(alg, digest, ProtoJson.bytes(node, "signature"));
  }

  ObjectNode toJson() {
    ObjectNode node = GoJson.MAPPER.createObjectNode();
    if (digest != null) {
      ObjectNode md = node.putObject("messageDigest");
      if (algorithm != null) {
        md.put("algorithm", algorithm);
      }
      md.put("digest", Base64s.encode(digest));
    }
    node.put("signature", Base64s.encode(signature));
    return node;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageSignature m
        && Objects.equals(algorithm, m.algorithm)
        && Arrays.equals(digest, m.digest)
        && Arrays.equals(signature, m.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, Arrays.hashCode(digest), Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return "MessageSignature[" + algorithm + ", digest=" + (digest == null ? "none" : Base64s.encode(digest)) + "]";
  }
}
