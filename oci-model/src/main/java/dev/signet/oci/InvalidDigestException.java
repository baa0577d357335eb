package dev.signet.oci;

/** A string is not a well-formed {@code algorithm:hex} digest of a supported algorithm. */
public final class InvalidDigestException extends OciModelException {
  private static final long serialVersionUID = 1L;

  public InvalidDigestException(String message) {
    super(message);
  }
}
