package dev.signet.registry.server.auth;

import dev.signet.registry.server.storage.sql.SqliteConnections;
import java.nio.file.Path;

/**
 * The account tables ({@code V2__accounts.sql}) in the registry's SQLite database, reached through a small
 * pool of its own; the schema is migrated by the metadata store, which opens the database first. Writes
 * are serialised here and each runs in one {@code BEGIN IMMEDIATE} transaction; SQLite's busy timeout
 * orders them with the metadata store's writes.
 */
public final class AuthDatabase extends SqliteConnections {
  /** Opens {@code file} (already created and migrated). */
  public AuthDatabase(Path file) {
    super(file, Mode.POOLED, false, "signet-auth-db", 4, (op, e) ->
        new IllegalStateException("account database " + op + " failed: " + e.getMessage(), e));
  }
}
