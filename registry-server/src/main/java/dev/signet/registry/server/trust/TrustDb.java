package dev.signet.registry.server.trust;

import dev.signet.registry.server.storage.StorageFailure;
import dev.signet.registry.server.storage.sql.SqliteConnections;
import java.nio.file.Path;

/**
 * The trust tables' connections to the registry's SQLite metadata database (which the metadata store
 * has already migrated, V3 included): a small pool, writes one at a time in {@code BEGIN IMMEDIATE}
 * transactions. SQLite serialises these writes with the metadata store's through its file lock.
 */
final class TrustDb extends SqliteConnections {
  TrustDb(Path file, boolean fullSync) {
    super(file, Mode.POOLED, fullSync, "signet-trust-db", 4, (op, e) ->
        new StorageFailure("trust metadata " + op + " failed: " + e.getMessage(), e));
  }
}
