package dev.signet.registry.server.storage;

/** An {@code If-Match} / {@code If-None-Match} condition did not hold when the write was attempted. */
public final class ConditionFailedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public ConditionFailedException(String message) {
    super(message);
  }
}
