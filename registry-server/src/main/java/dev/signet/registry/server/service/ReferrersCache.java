package dev.signet.registry.server.service;

import dev.signet.oci.Digest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Built referrers answers (the serialised image index), reused while the metadata store has not been
 * written since they were built. Serialising a large answer (thousands of referrers: hundreds of KB)
 * costs more than the indexed query, so a read-mostly registry answers from here. Invalidation is by the
 * store's write {@linkplain dev.signet.registry.server.storage.AccessoryIndex#version version}: an entry
 * built after reading version {@code v} is served only while the version is still {@code v}, so a
 * referrer pushed (or deleted) is visible to every request that starts after its write returned.
 * Bounded in entries and bytes, least recently used out first.
 */
final class ReferrersCache {
  private record Key(String repository, Digest subject, String artifactType) {}

  private record Entry(long version, byte[] answer) {}

  private final LongSupplier version;
  private final int maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  ReferrersCache(LongSupplier version, int maxEntries, long maxBytes) {
    this.version = version;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /** The cached answer for the key if still current, else {@code build}'s (cached when small enough). */
  byte[] get(String repository, Digest subject, String artifactType, Supplier<byte[]> build) {
    Key key = new Key(repository, subject, artifactType);
    long before = version.getAsLong();
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null && e.version() == before) {
        return e.answer();
      }
    }
    byte[] answer = build.get();
    if (answer.length <= maxBytes / 4) {
      put(key, new Entry(before, answer));
    }
    return answer;
  }

  private synchronized void put(Key key, Entry entry) {
    Entry old = entries.put(key, entry);
    bytes += entry.answer().length - (old == null ? 0 : old.answer().length);
    var it = entries.entrySet().iterator();
    while ((entries.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
      Map.Entry<Key, Entry> eldest = it.next();
      bytes -= eldest.getValue().answer().length;
      it.remove();
    }
  }
}
