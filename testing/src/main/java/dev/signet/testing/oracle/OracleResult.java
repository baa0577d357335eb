package dev.signet.testing.oracle;

/**
 * The oracle's verdict on one request.
 *
 * @param code {@code OK}, or an error code: {@code @sigstore/verify}'s ({@code SIGNATURE_ERROR},
 *     {@code TLOG_ERROR}, {@code UNTRUSTED_SIGNER_ERROR}, …) or the oracle's own
 *     ({@code SUBJECT_MISMATCH}, {@code MESSAGE_DIGEST_ERROR}, {@code KEY_MODE_MISMATCH},
 *     {@code PAYLOAD_TYPE_ERROR}, {@code REQUEST_ERROR}, …)
 */
public record OracleResult(OracleRequest request, boolean ok, String code, String message) {

  @Override
  public String toString() {
    return (ok ? "verified" : "rejected " + code + ": " + message) + " [" + request.bundle().getFileName() + "]";
  }
}
