package dev.signet.registry.client;

import java.util.List;

/** The registry does not offer this operation (405 or UNSUPPORTED), e.g. deletes disabled. */
public class UnsupportedByRegistryException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public UnsupportedByRegistryException(String action, String reason, int httpStatus, List<RegistryError> errors, Throwable cause) {
    super(action, reason, httpStatus, errors, cause);
  }

  public UnsupportedByRegistryException(String action, String reason) {
    super(action, reason);
  }
}
