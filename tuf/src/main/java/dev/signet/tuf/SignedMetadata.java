package dev.signet.tuf;

import java.util.List;

/**
 * A parsed metadata file: its typed {@code signed} part, the canonical bytes the signatures cover,
 * the signatures, and the raw bytes as downloaded (what gets cached).
 */
public record SignedMetadata<T extends Metadata>(
    Role role, T signed, byte[] canonicalSigned, List<KeySignature> signatures, byte[] raw) {

  /** One entry of {@code signatures}: a key id and the decoded signature bytes (empty when undecodable). */
  public record KeySignature(String keyId, byte[] signature) {}

  public SignedMetadata {
    signatures = List.copyOf(signatures);
  }

  /** {@code root.json v3}: the prefix of messages about this file. */
  public String label() {
    return signed.label(role);
  }
}
