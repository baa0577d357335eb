package dev.signet.verify.tlog;

import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.VerifierCache;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TransparencyLog;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Rekor v1's Signed Entry Timestamp: the log's signature over the RFC 8785 canonical JSON
 * {@code {"body":"<base64 body>","integratedTime":<n>,"logID":"<lowercase hex>","logIndex":<global n>}}
 * (keys sorted, no whitespace, integers as numbers; no {@code verification} member).
 */
public final class SignedEntryTimestamp {
  private SignedEntryTimestamp() {}

  /** The exact signed bytes for an entry. Base64 and hex need no JSON escaping, so this is already JCS. */
  public static byte[] payload(TlogEntry entry) {
    String json = "{\"body\":\"" + Base64.getEncoder().encodeToString(entry.body())
        + "\",\"integratedTime\":" + entry.integratedTime()
        + ",\"logID\":\"" + entry.logIdHex()
        + "\",\"logIndex\":" + entry.logIndex() + "}";
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Verifies the entry's SET with the log's key.
   *
   * @throws VerificationException (TLOG_ENTRY) when absent or invalid
   */
  public static void verify(TlogEntry entry, TransparencyLog log) throws VerificationException {
    verify(entry, log, new VerifierCache(0));
  }

  /** {@link #verify(TlogEntry, TransparencyLog)} reusing the log key's verifier from {@code verifiers}. */
  public static void verify(TlogEntry entry, TransparencyLog log, VerifierCache verifiers)
      throws VerificationException {
    byte[] set = entry.signedEntryTimestamp();
    if (set == null || set.length == 0) {
      throw new VerificationException(Check.TLOG_ENTRY, entry.describe() + " has no signed entry timestamp");
    }
    try {
      verifiers.get(log.key()).verify(payload(entry), set);
    } catch (SignatureVerificationException | UnsupportedKeyException | RuntimeException e) {
      throw new VerificationException(Check.TLOG_ENTRY, entry.describe() + ": the signed entry timestamp does"
          + " not verify with the key of log " + log.baseUrl() + " (body, integrated time, log id or log index"
          + " altered)");
    }
  }
}
