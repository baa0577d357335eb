package dev.signet.registry.server.replication;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The replication tables, in the registry's own SQLite database (created by its Flyway migration
 * {@code V4__replication}, so the registry must be opened first). One connection behind a lock is plenty
 * for the little traffic rules and jobs see; writes are {@code BEGIN IMMEDIATE} transactions that wait
 * (busy timeout) for the registry's writer.
 */
final class ReplicationDatabase implements AutoCloseable {
  private static final int BUSY_TIMEOUT_MS = 30_000;

  /** Work on the connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Maps the current row. */
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock(true);

  ReplicationDatabase(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    try {
      this.connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      if (!exists(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'replication_rules'")) {
        connection.close();
        throw new IllegalStateException("no replication tables in " + file + ": open the registry (which "
            + "migrates the database) before the replication service");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  <T> T read(Work<T> work) {
    lock.lock();
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("replication database read failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} in one transaction; any exception rolls it back. */
  <T> T write(Work<T> work) {
    lock.lock();
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("replication database write failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    }
  }

  static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    List<T> all = list(c, sql, row, args);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  static boolean exists(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args)) {
      return ps.executeUpdate();
    }
  }

  /** A nullable INTEGER column. */
  static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a == null) {
          ps.setNull(i + 1, java.sql.Types.NULL);
        } else if (a instanceof byte[] b) {
          ps.setBytes(i + 1, b);
        } else if (a instanceof Long || a instanceof Integer) {
          ps.setLong(i + 1, ((Number) a).longValue());
        } else if (a instanceof Boolean b) {
          ps.setLong(i + 1, b ? 1 : 0);
        } else {
          ps.setString(i + 1, a.toString());
        }
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing anyway
    } finally {
      lock.unlock();
    }
  }
}
