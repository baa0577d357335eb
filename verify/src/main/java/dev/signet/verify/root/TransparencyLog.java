package dev.signet.verify.root;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A trusted-root {@code tlogs[]} or {@code ctlogs[]} entry.
 *
 * @param baseUrl the log's URL; for Rekor v2 its host is also the checkpoint origin's default
 * @param logId the log id (sha256 of the DER SubjectPublicKeyInfo for Rekor v1 and CT logs)
 * @param key the log's public key
 * @param keyDetails the protobuf-specs {@code PublicKeyDetails} name, e.g. {@code PKIX_ECDSA_P256_SHA_256}
 * @param validFor when signatures by this key are acceptable
 */
public record TransparencyLog(
    String baseUrl, byte[] logId, PublicKey key, String keyDetails, ValidityWindow validFor) {
  public TransparencyLog {
    Objects.requireNonNull(baseUrl, "baseUrl");
    logId = logId.clone();
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyDetails, "keyDetails");
    Objects.requireNonNull(validFor, "validFor");
  }

  @Override
  public byte[] logId() {
    return logId.clone();
  }

  public String logIdHex() {
    return HexFormat.of().formatHex(logId);
  }

  public boolean hasLogId(byte[] id) {
    return Arrays.equals(logId, id);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransparencyLog t && baseUrl.equals(t.baseUrl) && Arrays.equals(logId, t.logId)
        && key.equals(t.key) && keyDetails.equals(t.keyDetails) && validFor.equals(t.validFor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseUrl, Arrays.hashCode(logId), keyDetails, validFor);
  }

  @Override
  public String toString() {
    return "TransparencyLog[" + baseUrl + ", logId=" + logIdHex() + ", " + keyDetails + ", " + validFor + "]";
  }
}
