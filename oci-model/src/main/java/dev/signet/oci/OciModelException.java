package dev.signet.oci;

/** Root of the checked exceptions raised when OCI or cosign data cannot be parsed or built. */
public class OciModelException extends Exception {
  private static final long serialVersionUID = 1L;

  public OciModelException(String message) {
    super(message);
  }

  public OciModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
