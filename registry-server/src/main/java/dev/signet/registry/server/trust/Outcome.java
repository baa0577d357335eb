package dev.signet.registry.server.trust;

/** What verifying one signature entry against one trust anchor found. */
public enum Outcome {
  /** The anchor verifies the signature and the signed claims name the subject. */
  VERIFIED,
  /**
   * The signature is broken: unreadable, its claims name another image, or it does not verify with the
   * key it names (its own certificate, or the key its bundle hints at): altered after signing.
   */
  INVALID,
  /**
   * The anchor does not vouch for it: signed by another key (a key-only signature that was altered
   * looks the same), or its certificate does not chain to the anchor.
   */
  UNTRUSTED
}
