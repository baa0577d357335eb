package dev.signet.registry.client;

import java.util.List;

/** A conditional request ({@code If-Match}/{@code If-None-Match}) lost: the object changed (412). */
public class PreconditionFailedException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public PreconditionFailedException(String action, String reason, int httpStatus, List<RegistryError> errors, Throwable cause) {
    super(action, reason, httpStatus, errors, cause);
  }

  public PreconditionFailedException(String action, String reason) {
    super(action, reason);
  }
}
