package dev.signet.testing.oracle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Digest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One verification for {@link SigstoreVerifyOracle}: a bundle, either a public key or a keyless
 * identity with a trusted root, and either the artifact file or its sha256 digest.
 *
 * @param annotations subject annotations a DSSE statement must carry, or null
 */
public record OracleRequest(
    Path bundle,
    Path key,
    Path trustedRoot,
    String certificateIdentity,
    String certificateOidcIssuer,
    Path artifact,
    Digest digest,
    Map<String, String> annotations) {

  public OracleRequest {
    Objects.requireNonNull(bundle, "bundle");
    if ((key == null) == (trustedRoot == null)) {
      throw new IllegalArgumentException("give exactly one of key and trustedRoot");
    }
    if ((artifact == null) == (digest == null)) {
      throw new IllegalArgumentException("give exactly one of artifact and digest");
    }
    if (digest != null && !Digest.SHA256.equals(digest.algorithm())) {
      throw new IllegalArgumentException("the oracle takes sha256 digests only");
    }
    annotations = annotations == null ? null : Map.copyOf(annotations);
  }

  /** Key mode against the artifact file. */
  public static OracleRequest withKey(Path bundle, Path publicKeyPem, Path artifact) {
    return new OracleRequest(bundle, publicKeyPem, null, null, null, artifact, null, null);
  }

  /** Key mode against a digest (for images: the manifest digest that DSSE subjects name). */
  public static OracleRequest withKey(Path bundle, Path publicKeyPem, Digest digest) {
    return new OracleRequest(bundle, publicKeyPem, null, null, null, null, digest, null);
  }

  /** Keyless mode with default thresholds (1 tlog entry, 1 SCT, 1 timestamp). */
  public static OracleRequest keyless(Path bundle, Path trustedRoot, String identity, String issuer, Digest digest) {
    return new OracleRequest(bundle, null, trustedRoot, identity, issuer, null, digest, null);
  }

  /** A copy that also requires these subject annotations. */
  public OracleRequest requiringAnnotations(Map<String, String> required) {
    return new OracleRequest(bundle, key, trustedRoot, certificateIdentity, certificateOidcIssuer, artifact, digest, required);
  }

  /** The batch-protocol line for this request (absolute paths). */
  ObjectNode toJson(ObjectNode node, int id) {
    node.put("id", id);
    node.put("bundle", bundle.toAbsolutePath().toString());
    if (key != null) {
      node.put("key", key.toAbsolutePath().toString());
    } else {
      node.put("trustedRoot", trustedRoot.toAbsolutePath().toString());
      node.put("certificateIdentity", certificateIdentity);
      node.put("certificateOidcIssuer", certificateOidcIssuer);
    }
    if (artifact != null) {
      node.put("artifact", artifact.toAbsolutePath().toString());
    } else {
      node.put("digest", digest.toString());
    }
    if (annotations != null) {
      ObjectNode a = node.putObject("annotations");
      new TreeMap<>(annotations).forEach(a::put);
    }
    return node;
  }
}
