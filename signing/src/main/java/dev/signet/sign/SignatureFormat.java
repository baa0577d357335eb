package dev.signet.sign;

/** Where and how a signature is stored. */
public enum SignatureFormat {
  /** cosign v3: a Sigstore bundle v0.3 (DSSE in-toto statement) stored as an OCI 1.1 referrer. */
  BUNDLE,
  /** cosign v2: a simple-signing layer in the {@code sha256-<hex>.sig} signature manifest. */
  LEGACY
}
