package dev.signet.registry.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AuditLog} in the {@code audit_log} table. A failure to record is logged, never thrown. */
public final class SqlAuditLog implements AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(SqlAuditLog.class);
  private static final int MAX_FIELD = 512;

  /** One audit record. */
  public record Entry(long id, Instant at, String actor, String action, String target, String outcome,
      String detail) {}

  private final AuthDatabase db;
  private final Clock clock;

  SqlAuditLog(AuthDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void record(String actor, String action, String target, String outcome, String detail) {
    long now = clock.millis();
    try {
      db.write(c -> AuthDatabase.update(c,
          "INSERT INTO audit_log (at, actor, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)", now,
          clip(actor == null ? "anonymous" : actor), clip(action), clip(target), clip(outcome), clip(detail)));
    } catch (RuntimeException e) {
      LOG.error("cannot write the audit record {} {} {}", action, target, outcome, e);
    }
  }

  /** The newest {@code limit} records, newest first. */
  public List<Entry> recent(int limit) {
    return db.read(c -> AuthDatabase.list(c,
        "SELECT id, at, actor, action, target, outcome, detail FROM audit_log ORDER BY id DESC LIMIT ?",
        SqlAuditLog::row, limit));
  }

  private static String clip(String s) {
    return s == null || s.length() <= MAX_FIELD ? s : s.substring(0, MAX_FIELD) + "…";
  }

  private static Entry row(ResultSet rs) throws SQLException {
    return new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7));
  }
}
