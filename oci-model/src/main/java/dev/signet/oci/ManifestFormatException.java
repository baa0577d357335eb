package dev.signet.oci;

/** Manifest or index JSON is malformed or has an unexpected shape. */
public final class ManifestFormatException extends OciModelException {
  private static final long serialVersionUID = 1L;

  public ManifestFormatException(String message) {
    super(message);
  }

  public ManifestFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
