package dev.signet.crypto;

/**
 * An encrypted private key could not be opened with the given password: the authenticator (MAC) of
 * the NaCl secretbox did not verify.
 *
 * <p>A damaged ciphertext produces the same failure; the two cannot be told apart.
 */
public class WrongPasswordException extends CryptoException {

  private final String source;

  /**
   * Creates the exception for an encrypted key read from {@code source} (a file name or another
   * description such as {@code "env://COSIGN_KEY"}). The message reads
   * {@code "decrypt <source>: wrong password (the encrypted key's MAC did not verify)"}.
   */
  public WrongPasswordException(String source) {
    super("decrypt " + source + ": wrong password (the encrypted key's MAC did not verify)");
    this.source = source;
  }

  /** The description of the encrypted key's source given at construction. */
  public String source() {
    return source;
  }
}
