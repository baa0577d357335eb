package dev.signet.sigstore.log.storage;

class MemoryLogStorageTest extends LogStorageContract {
  @Override
  protected LogStorage create() {
    return new MemoryLogStorage();
  }

  @Override
  protected LogStorage reopen() {
    return null;
  }
}
