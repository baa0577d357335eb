package dev.signet.registry.server.auth;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import org.sqlite.SQLiteDataSource;

/**
 * The account tables ({@code V2__accounts.sql}) in the registry's SQLite database, reached through a small
 * pool of its own; the schema is migrated by the metadata store, which opens the database first. Writes
 * are serialised here and each runs in one {@code BEGIN IMMEDIATE} transaction; SQLite's busy timeout
 * orders them with the metadata store's writes.
 */
public final class AuthDatabase implements AutoCloseable {
  private static final int BUSY_TIMEOUT_MS = 30_000;

  /** Work on a connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Maps the current row. */
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final HikariDataSource pool;
  private final ReentrantLock writeLock = new ReentrantLock(true);

  /** Opens {@code file} (already created and migrated). */
  public AuthDatabase(Path file) {
    SQLiteConfig c = new SQLiteConfig();
    c.setJournalMode(SQLiteConfig.JournalMode.WAL);
    c.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    c.setBusyTimeout(BUSY_TIMEOUT_MS);
    c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(c);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(ds);
    hc.setPoolName("signet-auth-db");
    hc.setMaximumPoolSize(4);
    hc.setMinimumIdle(1);
    hc.setAutoCommit(true);
    hc.setConnectionTimeout(BUSY_TIMEOUT_MS);
    hc.setMaxLifetime(0);
    hc.setIdleTimeout(0);
    this.pool = new HikariDataSource(hc);
  }

  <T> T read(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("account database read failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one write transaction; an exception rolls it back. */
  <T> T write(Work<T> work) {
    writeLock.lock();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("account database write failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
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
    try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
    }
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

  private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a == null) {
          ps.setNull(i + 1, java.sql.Types.NULL);
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
    pool.close();
  }
}
