package dev.signet.sigstore.log;

import java.security.PublicKey;

/**
 * What a trusted root's {@code tlogs[]} entry needs about one log instance.
 *
 * @param baseUrl the URL clients use (its host is the checkpoint key name)
 * @param origin the checkpoint origin ({@code host} for Rekor v2, {@code host - treeId} for Rekor v1)
 * @param logId the log id (v1: SHA-256 of the SPKI; v2 Ed25519: the C2SP key id), raw bytes
 * @param keyDetails protobuf-specs {@code PublicKeyDetails} of the key
 * @param majorApiVersion 1 or 2 (SigningConfig {@code rekorTlogUrls[].majorApiVersion})
 * @param validFrom when the log key was created (the trusted root's {@code validFor.start}; verifiers
 *     require integrated times inside it)
 */
public record LogInfo(String baseUrl, String origin, String keyName, PublicKey publicKey, String keyDetails,
    byte[] logId, int majorApiVersion, java.time.Instant validFrom) {
  public LogInfo {
    logId = logId.clone();
  }

  @Override
  public byte[] logId() {
    return logId.clone();
  }

  /**
   * This log as a {@code trusted_root.json} {@code tlogs[]} element (protojson): base URL, SHA2_256, the
   * SPKI with key details and {@code validFor.start}, {@code logId}, and for Rekor v2 the
   * {@code checkpointKeyId} sigstore-js reads.
   */
  public com.fasterxml.jackson.databind.node.ObjectNode trustedRootTlog() {
    var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    var b64 = java.util.Base64.getEncoder();
    var n = json.objectNode().put("baseUrl", baseUrl).put("hashAlgorithm", "SHA2_256");
    var pk = n.putObject("publicKey").put("rawBytes", b64.encodeToString(publicKey.getEncoded()))
        .put("keyDetails", keyDetails);
    pk.putObject("validFor").put("start", validFrom.toString());
    n.putObject("logId").put("keyId", b64.encodeToString(logId));
    if (majorApiVersion == 2) {
      n.putObject("checkpointKeyId").put("keyId", b64.encodeToString(logId));
    }
    return n;
  }
}
