package dev.signet.tuf;

import java.util.Optional;

/**
 * Reads files of one TUF repository (a mirror). Paths are relative to the mirror's base, e.g.
 * {@code 2.root.json}, {@code timestamp.json} or {@code targets/<sha256>.trusted_root.json}.
 */
public interface RepositoryFetcher {

  /**
   * The file's bytes, or empty when the repository does not have it (HTTP 404/403, a missing file).
   *
   * @throws TufFetchException when the repository cannot be read, or the file exceeds {@code maxLength}
   */
  Optional<byte[]> fetch(String path, long maxLength) throws TufFetchException;

  /** Where the files come from, for messages. */
  String describe();
}
