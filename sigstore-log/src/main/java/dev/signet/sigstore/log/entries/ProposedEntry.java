package dev.signet.sigstore.log.entries;

/**
 * An accepted entry: its kind and version and the canonical body (the Merkle leaf data).
 */
public record ProposedEntry(String kind, String version, byte[] body) {
  public ProposedEntry {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
