package dev.signet.registry.server.storage;

/**
 * The registry's metadata: repositories, manifests, tags, accessory links, blob links and upload
 * sessions. Every mutating method is atomic: either all of its effects become visible or none do, also
 * across crashes. Thread-safe.
 */
public interface MetadataStore extends BatchReads, Maintenance, AutoCloseable {
  @Override
  void close();
}
