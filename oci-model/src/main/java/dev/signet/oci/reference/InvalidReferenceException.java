package dev.signet.oci.reference;

import dev.signet.oci.OciModelException;

/** An image reference, repository, tag or registry name does not parse. */
public final class InvalidReferenceException extends OciModelException {
  private static final long serialVersionUID = 1L;

  public InvalidReferenceException(String message) {
    super(message);
  }
}
