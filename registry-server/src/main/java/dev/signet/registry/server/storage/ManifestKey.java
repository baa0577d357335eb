package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;

/** A manifest's identity: repository plus digest. */
public record ManifestKey(String repository, Digest digest) {
  @Override
  public String toString() {
    return repository + "@" + digest;
  }
}
