package dev.signet.tuf;

import java.util.Map;
import java.util.OptionalLong;

/** A {@code meta} entry of timestamp or snapshot metadata: version, and optionally length and hashes. */
public record MetaFile(int version, OptionalLong length, Map<String, String> hashes) {
  public MetaFile {
    hashes = Map.copyOf(hashes);
  }

  /** Checks {@code data}, the file {@code what}, against this entry of {@code source}. */
  void check(String what, String source, byte[] data) throws TufException {
    if (length.isPresent()) {
      Hashes.checkLength(what, source, length.getAsLong(), data);
    }
    Hashes.check(what, source, hashes, data);
  }
}
