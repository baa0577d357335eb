package dev.signet.registry.server.storage;

import java.util.List;

/** One page of a sorted listing; {@code more} tells whether entries follow the last one. */
public record Page<T>(List<T> items, boolean more) {
  public Page {
    items = List.copyOf(items);
  }
}
