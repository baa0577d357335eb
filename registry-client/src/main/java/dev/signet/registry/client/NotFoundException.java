package dev.signet.registry.client;

import java.util.List;

/**
 * The manifest, blob or repository does not exist: the registry said so (404 with MANIFEST_UNKNOWN,
 * BLOB_UNKNOWN, NAME_UNKNOWN, or a bare 404). Only this exception means "absent"; see
 * {@link RegistryTransportException} for "could not find out".
 */
public class NotFoundException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public NotFoundException(String action, ErrorCode code, String reason, List<RegistryError> errors) {
    super(action, reason, 404, errors, null);
    this.code = code;
  }

  /** What was not found: MANIFEST_UNKNOWN, BLOB_UNKNOWN, NAME_UNKNOWN or BLOB_UPLOAD_UNKNOWN. */
  public ErrorCode code() {
    return code;
  }
}
