package dev.signet.registry.server.storage.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Connections to the registry's SQLite metadata database (already created and migrated by the metadata
 * store) for the services that keep their own tables in it. {@link #read} runs work on a connection;
 * {@link #write} runs it in one {@code BEGIN IMMEDIATE} transaction that any exception rolls back. How
 * connections are held, and so how writes are serialised, is the subclass's choice: see {@link Mode}.
 * The {@link Jdbc} helpers are inherited, so a subclass offers them under its own name.
 */
public class SqliteConnections extends Jdbc implements AutoCloseable {
  static final int BUSY_TIMEOUT_MS = 30_000;

  /** Work on a connection. */
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Turns a failed {@code "read"} or {@code "write"} into the caller's exception. */
  public interface Failure {
    RuntimeException wrap(String operation, SQLException e);
  }

  /** How connections are held. */
  public enum Mode {
    /** A small pool; writes one at a time behind a fair lock, reads concurrently. */
    POOLED,
    /** One connection behind a fair lock, for reads and writes alike. */
    SINGLE,
    /** A fresh connection per call, with only the busy timeout and transaction mode set; no lock. */
    PER_CALL
  }

  private final Mode mode;
  private final Failure failure;
  private final String url;
  private final SQLiteConfig config;
  private final HikariDataSource pool;
  private final Connection single;
  private final ReentrantLock lock = new ReentrantLock(true);

  /**
   * Opens {@code file}. {@code poolName} and {@code poolSize} only matter to {@link Mode#POOLED},
   * {@code fullSync} not to {@link Mode#PER_CALL}.
   */
  protected SqliteConnections(Path file, Mode mode, boolean fullSync, String poolName, int poolSize,
      Failure failure) {
    this.mode = mode;
    this.failure = failure;
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    if (mode == Mode.PER_CALL) {
      this.config = new SQLiteConfig();
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    } else {
      this.config = config(fullSync);
    }
    this.pool = mode == Mode.POOLED ? pool(url, config, poolSize, poolName, false) : null;
    try {
      this.single = mode == Mode.SINGLE ? config.createConnection(url) : null;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** A fresh connection per call, wrapping failures with {@code failure}. */
  public static SqliteConnections perCall(Path file, Failure failure) {
    return new SqliteConnections(file, Mode.PER_CALL, false, null, 0, failure);
  }

  /** WAL, {@code FULL} or {@code NORMAL} sync, the busy timeout and {@code BEGIN IMMEDIATE}. */
  static SQLiteConfig config(boolean fullSync) {
    SQLiteConfig c = new SQLiteConfig();
    c.setJournalMode(SQLiteConfig.JournalMode.WAL);
    c.setSynchronous(fullSync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    c.setBusyTimeout(BUSY_TIMEOUT_MS);
    c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return c;
  }

  static HikariDataSource pool(String url, SQLiteConfig config, int size, String name, boolean readOnly) {
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(url);
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(ds);
    hc.setPoolName(name);
    hc.setMaximumPoolSize(size);
    hc.setMinimumIdle(1);
    hc.setAutoCommit(true);
    hc.setReadOnly(readOnly);
    hc.setConnectionTimeout(BUSY_TIMEOUT_MS);
    hc.setMaxLifetime(0);
    hc.setIdleTimeout(0);
    return new HikariDataSource(hc);
  }

  /** Runs {@code work} on a connection (autocommit). */
  public <T> T read(Work<T> work) {
    try {
      return readUnwrapped(work);
    } catch (SQLException e) {
      throw failure.wrap("read", e);
    }
  }

  /** {@link #read} that lets an {@link SQLException} through. */
  protected <T> T readUnwrapped(Work<T> work) throws SQLException {
    boolean locked = mode == Mode.SINGLE;
    if (locked) {
      lock.lock();
    }
    try (Lease l = lease()) {
      return work.run(l.connection);
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }

  /** Runs {@code work} in one write transaction; any exception rolls it back. */
  public <T> T write(Work<T> work) {
    boolean locked = mode != Mode.PER_CALL;
    if (locked) {
      lock.lock();
    }
    try (Lease l = lease()) {
      Connection c = l.connection;
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
      throw failure.wrap("write", e);
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }

  private Lease lease() throws SQLException {
    return switch (mode) {
      case POOLED -> new Lease(pool.getConnection(), true);
      case SINGLE -> new Lease(single, false);
      case PER_CALL -> new Lease(config.createConnection(url), true);
    };
  }

  /** A connection for one call; closing it closes (or returns) the connection unless it is the shared one. */
  private record Lease(Connection connection, boolean owned) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      if (owned) {
        connection.close();
      }
    }
  }

  @Override
  public void close() {
    switch (mode) {
      case POOLED -> pool.close();
      case SINGLE -> {
        lock.lock();
        try {
          single.close();
        } catch (SQLException ignored) {
          // closing anyway
        } finally {
          lock.unlock();
        }
      }
      case PER_CALL -> { }
    }
  }
}
