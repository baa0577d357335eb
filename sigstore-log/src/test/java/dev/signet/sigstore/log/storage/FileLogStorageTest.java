package dev.signet.sigstore.log.storage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogStorageTest extends LogStorageContract {
  @TempDir
  Path dir;

  @Override
  protected LogStorage create() throws Exception {
    return FileLogStorage.open(dir.resolve("log"));
  }

  @Override
  protected LogStorage reopen() throws Exception {
    return FileLogStorage.open(dir.resolve("log"));
  }

  @Test
  void objectsLieInTheTlogTilesLayoutAndNoTemporaryFileRemains() throws Exception {
    storage.putIfAbsent("tile/0/x001/234.p/5", new byte[] {1, 2});
    storage.sync();
    assertTrue(Files.isRegularFile(dir.resolve("log/tile/0/x001/234.p/5")));
    try (var tmp = Files.list(dir.resolve("log/.tmp"))) {
      assertTrue(tmp.findAny().isEmpty());
    }
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefused() {
    StorageException e = assertThrows(StorageException.class, () -> FileLogStorage.open(dir.resolve("log")));
    assertTrue(e.getMessage().contains("in use"), e.getMessage());
  }

  @Test
  void anUnwritableLocationMakesPutsFailWithAStorageException() throws Exception {
    Files.write(dir.resolve("log/tile"), new byte[] {0}); // a file where a directory must go (works as root too)
    StorageException e = assertThrows(StorageException.class, () -> storage.putIfAbsent("tile/0/000", new byte[] {1}));
    assertTrue(e.getMessage().contains("tile/0/000"), e.getMessage());
  }
}
