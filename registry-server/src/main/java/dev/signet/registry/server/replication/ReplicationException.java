package dev.signet.registry.server.replication;

/** An administrative request that cannot be carried out: a bad rule, an unknown or a duplicate name. */
public final class ReplicationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why; the HTTP adapter maps each to a status. */
  public enum Reason { INVALID, UNKNOWN_RULE, RULE_EXISTS }

  private final Reason reason;

  public ReplicationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ReplicationException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
