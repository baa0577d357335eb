package dev.signet.registry.client;

import java.util.List;

/**
 * Content and digest disagree: fetched bytes or a registry-reported digest did not match the expected
 * digest, or the registry rejected a digest as not matching what was uploaded (DIGEST_INVALID).
 */
public class DigestMismatchException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public DigestMismatchException(String action, String reason, int httpStatus, List<RegistryError> errors, Throwable cause) {
    super(action, reason, httpStatus, errors, cause);
  }

  public DigestMismatchException(String action, String reason) {
    super(action, reason);
  }
}
