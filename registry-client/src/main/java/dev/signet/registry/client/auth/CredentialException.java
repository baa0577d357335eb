package dev.signet.registry.client.auth;

/** Credentials could not be read: a malformed docker config, or a credential helper that failed. */
public final class CredentialException extends Exception {
  private static final long serialVersionUID = 1L;

  public CredentialException(String message) {
    super(message);
  }

  public CredentialException(String message, Throwable cause) {
    super(message, cause);
  }
}
