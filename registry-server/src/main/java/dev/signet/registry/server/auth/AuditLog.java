package dev.signet.registry.server.auth;

/**
 * The registry's audit trail: pushes, deletes, account and policy changes, failed logins and denied
 * requests. Never pass secrets (passwords, tokens) in any argument.
 */
public interface AuditLog {
  /** Discards every record. */
  AuditLog NONE = (actor, action, target, outcome, detail) -> {};

  String OK = "ok";
  String DENIED = "denied";
  String FAILED = "failed";

  /**
   * Records one event.
   *
   * @param actor the account name ({@link Principal#actor()}), or {@code anonymous}
   * @param action what was attempted, dotted lower case: {@code manifest.push}, {@code user.create}, …
   * @param target what it was attempted on: a repository and reference, a project, a user; may be null
   * @param outcome {@link #OK}, {@link #DENIED} or {@link #FAILED}
   * @param detail a short free text (no secrets); may be null
   */
  void record(String actor, String action, String target, String outcome, String detail);
}
