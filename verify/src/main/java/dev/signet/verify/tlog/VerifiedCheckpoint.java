package dev.signet.verify.tlog;

import java.util.List;

/**
 * A checkpoint whose log signature verified.
 *
 * @param checkpoint the parsed body
 * @param keyName the name on the log's signature line
 * @param witnesses names of the distinct witnesses whose cosignatures verified
 */
public record VerifiedCheckpoint(Checkpoint checkpoint, String keyName, List<String> witnesses) {
  public VerifiedCheckpoint {
    witnesses = List.copyOf(witnesses);
  }
}
