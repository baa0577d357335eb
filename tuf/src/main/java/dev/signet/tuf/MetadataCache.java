package dev.signet.tuf;

import java.util.Optional;

/**
 * Local copies of one repository's metadata ({@code root.json}, {@code timestamp.json},
 * {@code snapshot.json}, {@code targets.json}) and of downloaded targets. Whatever is read back is
 * verified again before use.
 */
public interface MetadataCache {
  Optional<byte[]> readMetadata(Role role) throws TufException;

  void writeMetadata(Role role, byte[] data) throws TufException;

  void deleteMetadata(Role role) throws TufException;

  Optional<byte[]> readTarget(String name) throws TufException;

  void writeTarget(String name, byte[] data) throws TufException;
}
