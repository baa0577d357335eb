package dev.signet.registry.server.storage.fs;

import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.BlobStoreContractTest;
import java.nio.file.Path;
import java.time.Clock;

class FsBlobStoreTest extends BlobStoreContractTest {
  @Override
  protected BlobStore create(Path dir, Clock clock) {
    return new FsBlobStore(dir, clock);
  }
}
