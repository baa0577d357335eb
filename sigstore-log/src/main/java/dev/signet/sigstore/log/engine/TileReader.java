package dev.signet.sigstore.log.engine;

import dev.signet.sigstore.log.storage.LogStorage;
import dev.signet.sigstore.log.storage.StorageException;
import dev.signet.sigstore.log.tiles.HashTile;
import dev.signet.sigstore.log.tiles.Hashes;
import dev.signet.sigstore.log.tiles.TilePaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Merkle node hashes for a given tree size from tiles (full tiles, or the partial tile of that
 * size on the right edge) and builds RFC 6962 roots, inclusion proofs (PATH) and consistency proofs
 * (SUBPROOF) from them. Tiles are cached (they are immutable).
 */
public final class TileReader {
  private static final int CACHE = 4096;

  private final LogStorage storage;
  private final java.util.function.LongSupplier published;
  private final Map<String, HashTile> cache = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, HashTile> eldest) {
      return size() > CACHE;
    }
  };

  /**
   * @param published the published tree size: a tile of an unpublished size is cut from the tile of the
   *     published size (tiles only grow to the right), so proofs work for any size up to it
   */
  public TileReader(LogStorage storage, java.util.function.LongSupplier published) {
    this.storage = storage;
    this.published = published;
  }

  /** Offers a tile just written (saves reading it back). */
  public void remember(String path, HashTile tile) {
    synchronized (cache) {
      cache.put(path, tile);
    }
  }

  /** The tile at level {@code level}, index {@code n}, as it is for tree size {@code size}. */
  public HashTile tile(int level, long n, long size) throws StorageException {
    int width = TilePaths.widthAt(level, n, size);
    if (width == 0) {
      throw new IllegalStateException("tile " + level + "/" + n + " is empty at size " + size);
    }
    String path = TilePaths.tile(level, n, width);
    synchronized (cache) {
      HashTile t = cache.get(path);
      if (t != null) {
        return t;
      }
    }
    byte[] bytes = storage.get(path).orElse(null);
    if (bytes == null) {
      long now = published.getAsLong();
      if (now > size && TilePaths.widthAt(level, n, now) > width) {
        HashTile wider = tile(level, n, now);
        return HashTile.of(wider.hashes().subList(0, width));
      }
      throw new StorageException("tile " + path + " is missing (needed for tree size " + size + "); run fsck");
    }
    HashTile t;
    try {
      t = HashTile.parse(bytes, width);
    } catch (IllegalArgumentException e) {
      throw new StorageException("tile " + path + " is corrupt: " + e.getMessage());
    }
    remember(path, t);
    return t;
  }

  /** MTH of the perfect subtree of height {@code h} at index {@code k} (it must lie within {@code size}). */
  public byte[] perfect(int h, long k, long size) throws StorageException {
    int level = h / 8;
    int sub = h % 8;
    long first = k << sub;
    HashTile t = tile(level, first / TilePaths.WIDTH, size);
    return t.node(sub, (int) ((first % TilePaths.WIDTH) >> sub));
  }

  /** MTH(D[from:to]) within a tree of {@code size}. */
  public byte[] range(long from, long to, long size) throws StorageException {
    long n = to - from;
    if (n == 0) {
      return Hashes.empty();
    }
    if (Long.bitCount(n) == 1 && from % n == 0) {
      int h = Long.numberOfTrailingZeros(n);
      return perfect(h, from >> h, size);
    }
    long k = Long.highestOneBit(n - 1);
    return Hashes.node(range(from, from + k, size), range(from + k, to, size));
  }

  public byte[] root(long size) throws StorageException {
    return range(0, size, size);
  }

  public byte[] leafHash(long index, long size) throws StorageException {
    return perfect(0, index, size);
  }

  /** PATH(m, D[0:size]), leaf to root. */
  public List<byte[]> inclusionProof(long m, long size) throws StorageException {
    if (m < 0 || m >= size) {
      throw new IllegalArgumentException("index " + m + " is outside a tree of size " + size);
    }
    List<byte[]> out = new ArrayList<>();
    path(m, 0, size, size, out);
    return out;
  }

  private void path(long m, long from, long to, long size, List<byte[]> out) throws StorageException {
    long n = to - from;
    if (n <= 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m < k) {
      path(m, from, from + k, size, out);
      out.add(range(from + k, to, size));
    } else {
      path(m - k, from + k, to, size, out);
      out.add(range(from, from + k, size));
    }
  }

  /** PROOF(first, D[0:size]). */
  public List<byte[]> consistencyProof(long first, long size) throws StorageException {
    if (first < 1 || first > size) {
      throw new IllegalArgumentException("no consistency proof from size " + first + " to " + size);
    }
    List<byte[]> out = new ArrayList<>();
    if (first < size) {
      subproof(first, 0, size, true, size, out);
    }
    return out;
  }

  private void subproof(long m, long from, long to, boolean complete, long size, List<byte[]> out)
      throws StorageException {
    long n = to - from;
    if (m == n) {
      if (!complete) {
        out.add(range(from, to, size));
      }
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m <= k) {
      subproof(m, from, from + k, complete, size, out);
      out.add(range(from + k, to, size));
    } else {
      subproof(m - k, from + k, to, false, size, out);
      out.add(range(from, from + k, size));
    }
  }
}
