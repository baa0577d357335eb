package dev.signet.registry.server.storage.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.signet.registry.server.storage.PrivateFiles;
import dev.signet.registry.server.storage.StorageFailure;
import dev.signet.registry.server.storage.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/**
 * An embedded SQLite database in WAL mode: a pool of read-only connections for concurrent readers and a
 * single writer connection behind a fair lock, each write one {@code BEGIN IMMEDIATE} transaction. The
 * schema is migrated by Flyway ({@code db/migration}) on open.
 */
final class SqliteDatabase implements AutoCloseable {
  /** Work on a connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException, StoreException;
  }

  private final HikariDataSource readers;
  private final HikariDataSource writer;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final AtomicLong version = new AtomicLong();

  SqliteDatabase(Path file, boolean fullSync, int readerPoolSize) {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    makePrivate(file);
    this.writer = SqliteConnections.pool(url, config(fullSync, false), 1, "signet-db-writer", false);
    try {
      Flyway.configure().loggers("slf4j").dataSource(writer).locations("classpath:db/migration").load()
          .migrate();
    } catch (RuntimeException e) {
      writer.close();
      throw new StorageFailure("cannot migrate the metadata database " + file, e);
    }
    this.readers = SqliteConnections.pool(url, config(fullSync, true), readerPoolSize, "signet-db-readers", true);
  }

  /**
   * The database (password hashes, policies) is {@code 0600}: created empty with that mode before SQLite
   * opens it, so its {@code -wal} and {@code -shm} files, which SQLite creates with the database's mode,
   * are too; files of earlier versions are restricted.
   */
  private static void makePrivate(Path file) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
      }
      PrivateFiles.createIfAbsent(file);
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        PrivateFiles.restrict(file.resolveSibling(file.getFileName() + suffix));
      }
    } catch (java.io.IOException e) {
      throw new StorageFailure("cannot create the metadata database " + file + " readable by its owner only", e);
    }
  }

  private static SQLiteConfig config(boolean fullSync, boolean readOnly) {
    SQLiteConfig c = SqliteConnections.config(fullSync);
    c.setTempStore(SQLiteConfig.TempStore.MEMORY);
    c.setCacheSize(-16_384);
    c.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(256L << 20));
    c.setReadOnly(readOnly);
    return c;
  }

  /** Runs {@code work} on a pooled read-only connection (autocommit: each statement sees a snapshot). */
  <T> T read(Work<T> work) {
    try (Connection c = readers.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StorageFailure("metadata read failed: " + e.getMessage(), e);
    } catch (StoreException e) {
      throw new IllegalStateException("a read raised " + e, e);
    }
  }

  /** Bumped after every write transaction ends (committed or not), before {@link #write} returns. */
  long version() {
    return version.get();
  }

  /** Runs {@code work} in one write transaction; any exception rolls it back. */
  <T> T write(Work<T> work) throws StoreException {
    writeLock.lock();
    try (Connection c = writer.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | StoreException | RuntimeException e) {
        rollback(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageFailure("metadata write failed: " + e.getMessage(), e);
    } finally {
      version.incrementAndGet();
      writeLock.unlock();
    }
  }

  /** {@link #write} for work that cannot refuse. */
  <T> T writeUnchecked(Work<T> work) {
    try {
      return write(work);
    } catch (StoreException e) {
      throw new IllegalStateException("a write raised " + e, e);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the original failure matters more
    }
  }

  @Override
  public void close() {
    readers.close();
    writer.close();
  }
}
