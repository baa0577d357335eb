package dev.signet.registry.server.storage.sql;

import dev.signet.registry.server.storage.MetadataStore;
import dev.signet.registry.server.storage.MetadataStoreContractTest;
import java.nio.file.Path;
import java.time.Clock;

class SqliteMetadataStoreTest extends MetadataStoreContractTest {
  @Override
  protected MetadataStore create(Path dir, Clock clock) {
    return new SqliteMetadataStore(dir.resolve("metadata.db"), clock, false);
  }
}
