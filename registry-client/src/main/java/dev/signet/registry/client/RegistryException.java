package dev.signet.registry.client;

import java.util.List;
import java.util.Optional;

/**
 * A registry operation failed. The message names what was done to which object, then why, e.g.
 * {@code GET manifest 127.0.0.1:5000/app:v1: MANIFEST_UNKNOWN manifest unknown}. Subclasses let callers
 * tell "does not exist" ({@link NotFoundException}) from "could not find out"
 * ({@link RegistryTransportException}) and from refusals.
 */
public class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String action;
  private final int httpStatus;
  private final List<RegistryError> errors;

  public RegistryException(String action, String reason, int httpStatus, List<RegistryError> errors, Throwable cause) {
    super(action + ": " + reason, cause);
    this.action = action;
    this.httpStatus = httpStatus;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public RegistryException(String action, String reason) {
    this(action, reason, 0, List.of(), null);
  }

  /** What was attempted, e.g. {@code GET manifest 127.0.0.1:5000/app:v1}. */
  public String action() {
    return action;
  }

  /** The HTTP status that ended the operation, or 0 if there was no response. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The errors the registry reported (empty if its body had none). */
  public List<RegistryError> errors() {
    return errors;
  }

  /** The first reported error code, if any. */
  public Optional<ErrorCode> errorCode() {
    return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0).code());
  }
}
