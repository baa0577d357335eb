package dev.signet.registry.client;

import java.util.List;

/** The registry refused the request after authentication was attempted (401/403, UNAUTHORIZED/DENIED), or credentials could not be obtained. */
public class UnauthorizedException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String action, String reason, int httpStatus, List<RegistryError> errors, Throwable cause) {
    super(action, reason, httpStatus, errors, cause);
  }

  public UnauthorizedException(String action, String reason) {
    super(action, reason);
  }
}
