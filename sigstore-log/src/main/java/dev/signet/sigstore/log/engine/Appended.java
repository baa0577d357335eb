package dev.signet.sigstore.log.engine;

/**
 * An acknowledged append: the entry is durable and covered by {@code state}'s published checkpoint.
 *
 * @param duplicate the same entry was already in the log at {@code index}; nothing was added
 */
public record Appended(long index, byte[] leafHash, boolean duplicate, LogState state) {
  public Appended {
    leafHash = leafHash.clone();
  }

  @Override
  public byte[] leafHash() {
    return leafHash.clone();
  }
}
