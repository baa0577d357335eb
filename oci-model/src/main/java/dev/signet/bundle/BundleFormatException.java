package dev.signet.bundle;

import dev.signet.oci.OciModelException;

/** A Sigstore bundle is malformed, of an unsupported version, or inconsistent with its media type. */
public final class BundleFormatException extends OciModelException {
  private static final long serialVersionUID = 1L;

  public BundleFormatException(String message) {
    super(message);
  }

  public BundleFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
