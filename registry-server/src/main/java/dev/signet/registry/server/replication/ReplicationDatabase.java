package dev.signet.registry.server.replication;

import dev.signet.registry.server.storage.sql.SqliteConnections;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The replication tables, in the registry's own SQLite database (created by its Flyway migration
 * {@code V4__replication}, so the registry must be opened first). One connection behind a lock is plenty
 * for the little traffic rules and jobs see; writes are {@code BEGIN IMMEDIATE} transactions that wait
 * (busy timeout) for the registry's writer.
 */
final class ReplicationDatabase extends SqliteConnections {
  ReplicationDatabase(Path file) {
    super(file, Mode.SINGLE, false, null, 0, (op, e) ->
        new IllegalStateException("replication database " + op + " failed: " + e.getMessage(), e));
    try {
      if (!readUnwrapped(c -> exists(c,
          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'replication_rules'"))) {
        close();
        throw new IllegalStateException("no replication tables in " + file + ": open the registry (which "
            + "migrates the database) before the replication service");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** A nullable INTEGER column. */
  static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }
}
