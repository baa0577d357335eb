package dev.signet.registry.client;

import java.util.List;

/**
 * The registry could not be asked or did not answer usefully: connection or TLS failure, timeout,
 * 429/5xx after the retries ran out, or a body that is not the JSON the protocol requires (an HTML
 * error page from a proxy). Nothing can be concluded about the object: in particular this never means
 * "not found".
 */
public class RegistryTransportException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public RegistryTransportException(String action, String reason, int httpStatus, List<RegistryError> errors,
      Throwable cause) {
    super(action, reason, httpStatus, errors, cause);
  }

  public RegistryTransportException(String action, String reason, Throwable cause) {
    super(action, reason, 0, List.of(), cause);
  }
}
