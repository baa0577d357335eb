package dev.signet.registry.server.trust;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link AuditSink}: one log line per audited or denied pull, debug lines for the rest. */
public final class LoggingAuditSink implements AuditSink {
  private static final Logger LOG = LoggerFactory.getLogger("dev.signet.registry.trust.audit");

  @Override
  public void record(PullDecision d) {
    switch (d.verdict()) {
      case DENIED, AUDITED -> LOG.info("pull {} {}@{} ({}) by {}: {}", d.verdict(), d.repository(), d.digest(),
          d.reference(), d.principal() == null ? "anonymous" : d.principal(), d.reason());
      default -> LOG.debug("pull {} {}@{} ({}) by {}: {}", d.verdict(), d.repository(), d.digest(), d.reference(),
          d.principal() == null ? "anonymous" : d.principal(), d.reason());
    }
  }
}
