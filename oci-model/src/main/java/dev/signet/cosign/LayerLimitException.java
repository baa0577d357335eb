package dev.signet.cosign;

import dev.signet.oci.OciModelException;

/** A cosign signature image would exceed (or already exceeds) cosign's 1000-layer limit. */
public final class LayerLimitException extends OciModelException {
  private static final long serialVersionUID = 1L;

  public LayerLimitException(String message) {
    super(message);
  }
}
