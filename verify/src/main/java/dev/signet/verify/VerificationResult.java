package dev.signet.verify;

import dev.signet.verify.tlog.VerifiedLogEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a successful verification established.
 *
 * @param signer the key or certificate the signature verified with
 * @param times verified signing times (empty in key mode without log entries or timestamps)
 * @param payloadType the DSSE payload type, or empty for message signatures and legacy payloads
 * @param payload the verified signed bytes: the DSSE payload (e.g. an in-toto statement) or the legacy
 *     payload; empty for message signatures (the artifact is the payload)
 * @param logEntries the log entries that counted toward the tlog threshold
 * @param timestampCount how many RFC 3161 timestamps verified
 * @param sctCount how many embedded SCTs verified (0 in key mode or with SCTs ignored)
 */
public record VerificationResult(
    Signer signer, List<VerifiedTime> times, Optional<String> payloadType, byte[] payload,
    List<VerifiedLogEntry> logEntries, int timestampCount, int sctCount) {

  public VerificationResult {
    Objects.requireNonNull(signer, "signer");
    times = List.copyOf(times);
    payloadType = payloadType == null ? Optional.empty() : payloadType;
    payload = payload == null ? new byte[0] : payload.clone();
    logEntries = List.copyOf(logEntries);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public String toString() {
    return "VerificationResult[" + signer.getClass().getSimpleName() + ", times=" + times + ", logEntries="
        + logEntries.size() + ", timestamps=" + timestampCount + ", scts=" + sctCount + "]";
  }
}
