package dev.signet.crypto.keys;

import java.util.Optional;

/**
 * The scrypt parameter sets an encrypted cosign key may use (go-securesystemslib
 * {@code encrypted}: legacy, standard and OWASP). Anything else is refused when decrypting, as a
 * guard against files that would make key derivation arbitrarily expensive.
 */
enum ScryptParams {
  /** N = 2^15: written by older cosign releases. */
  LEGACY(32768),
  /** N = 2^16: written by current cosign, and by Signet. */
  STANDARD(65536),
  /** N = 2^17. */
  OWASP(131072);

  static final int R = 8;
  static final int P = 1;

  private final int n;

  ScryptParams(int n) {
    this.n = n;
  }

  int n() {
    return n;
  }

  static Optional<ScryptParams> of(long n, long r, long p) {
    if (r != R || p != P) {
      return Optional.empty();
    }
    for (ScryptParams s : values()) {
      if (s.n == n) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
