package dev.signet.registry.server.trust;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.signet.registry.server.storage.StorageFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The trust tables' connections to the registry's SQLite metadata database (which the metadata store
 * has already migrated, V3 included): a small pool, writes one at a time in {@code BEGIN IMMEDIATE}
 * transactions. SQLite serialises these writes with the metadata store's through its file lock.
 */
final class TrustDb implements AutoCloseable {
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

  TrustDb(Path file, boolean fullSync) {
    SQLiteConfig c = new SQLiteConfig();
    c.setJournalMode(SQLiteConfig.JournalMode.WAL);
    c.setSynchronous(fullSync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    c.setBusyTimeout(BUSY_TIMEOUT_MS);
    c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(c);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(ds);
    hc.setPoolName("signet-trust-db");
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
      throw new StorageFailure("trust metadata read failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction; any exception rolls it back. */
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
      throw new StorageFailure("trust metadata write failed: " + e.getMessage(), e);
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
