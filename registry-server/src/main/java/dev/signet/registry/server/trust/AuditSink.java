package dev.signet.registry.server.trust;

/**
 * Receives every pull decision a policy in audit or enforce mode makes (satisfied, exempted, audited,
 * denied). The audit log implements it; the default logs ({@link LoggingAuditSink}). Called on the request
 * thread: implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface AuditSink {
  void record(PullDecision decision);
}
