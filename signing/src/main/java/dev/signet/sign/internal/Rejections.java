package dev.signet.sign.internal;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;

/** The user-facing reason for an engine rejection, with a hint where Signet's setup is the cause. */
final class Rejections {
  static final String NO_LOG_HINT = "no transparency-log entry could be verified: the trusted root lists no"
      + " transparency log, and Signet never contacts public-good services; pass --trusted-root with the log"
      + " (or run signet initialize), or --insecure-ignore-tlog=true to verify key-only signatures";

  private Rejections() {}

  /**
   * The engine's message, prefixed as cosign's reasons read ({@code invalid signature: …} for a signature
   * that does not verify, {@code claims: …} for a payload about another image), and followed by
   * {@link #NO_LOG_HINT} when a log entry was required but the trusted root has no log to check it with.
   */
  static String explain(VerificationCandidate.Target target, VerificationException e) {
    String detail = withoutLabel(e);
    String reason = switch (e.check()) {
      case SIGNATURE -> "invalid signature: " + detail;
      case ARTIFACT -> "claims: " + detail;
      default -> e.getMessage();
    };
    boolean logMissing = e.check() == Check.TLOG_ENTRY
        || (e.check() == Check.THRESHOLD && detail.contains("tlog entries"));
    if (logMissing && !target.engine().policy().ignoreTlog() && target.engine().root().tlogs().isEmpty()) {
      reason += "; " + NO_LOG_HINT;
    }
    return reason;
  }

  private static String withoutLabel(VerificationException e) {
    String prefix = e.check().label() + ": ";
    String m = e.getMessage();
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }
}
