package dev.signet.registry.server.trust;

import java.time.Instant;
import java.util.List;

/** Unsatisfied pull decisions ({@code trust_decisions}): denied in enforce mode, audited in audit mode. */
final class DecisionLog {
  private final TrustDb db;

  DecisionLog(TrustDb db) {
    this.db = db;
  }

  void record(PullDecision d) {
    db.write(c -> TrustDb.update(c, "INSERT INTO trust_decisions (time, project, repo, digest, reference, mode, "
        + "verdict, principal, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", d.time().toEpochMilli(), d.project(),
        d.repository(), d.digest(), d.reference(), d.mode().name(), d.verdict().name(), d.principal(), d.reason()));
  }

  /** The project's most recent decisions, newest first. */
  List<PullDecision> recent(String project, int limit) {
    return db.read(c -> TrustDb.list(c, "SELECT time, project, repo, digest, reference, mode, verdict, principal, "
        + "reason FROM trust_decisions WHERE project = ? ORDER BY id DESC LIMIT ?", rs -> new PullDecision(
            Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            TrustMode.valueOf(rs.getString(6)), PullDecision.Verdict.valueOf(rs.getString(7)), rs.getString(8),
            rs.getString(9)), project, limit));
  }
}
