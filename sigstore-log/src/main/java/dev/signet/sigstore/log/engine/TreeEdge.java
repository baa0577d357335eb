package dev.signet.sigstore.log.engine;

import dev.signet.sigstore.log.storage.LogStorage;
import dev.signet.sigstore.log.storage.StorageException;
import dev.signet.sigstore.log.tiles.EntryBundle;
import dev.signet.sigstore.log.tiles.HashTile;
import dev.signet.sigstore.log.tiles.Hashes;
import dev.signet.sigstore.log.tiles.TilePaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The right edge of the tree: for each tile level the hashes of the incomplete tile, and the entries of
 * the incomplete entry bundle. Appending produces the tiles and bundles to write (full ones as they
 * complete, partial ones at {@link #flush}).
 */
final class TreeEdge {
  private final List<List<byte[]>> levels = new ArrayList<>();
  private final List<byte[]> entries = new ArrayList<>();
  private long size;

  /** What a batch must write: path → bytes, in write order; hash tiles also parsed for the reader's cache. */
  static final class Output {
    final Map<String, byte[]> objects = new LinkedHashMap<>();
    final Map<String, HashTile> tiles = new LinkedHashMap<>();
  }

  long size() {
    return size;
  }

  /** Loads the edge of a published tree of {@code size} from its partial tiles. */
  static TreeEdge load(LogStorage storage, long size) throws StorageException {
    TreeEdge e = new TreeEdge();
    e.size = size;
    for (int level = 0; (size >> (8 * level)) > 0; level++) {
      long hashes = size >> (8 * level);
      int w = (int) (hashes % TilePaths.WIDTH);
      List<byte[]> edge = new ArrayList<>();
      if (w > 0) {
        String path = TilePaths.tile(level, hashes / TilePaths.WIDTH, w);
        byte[] bytes = storage.get(path).orElseThrow(() -> new StorageException("partial tile " + path
            + " of the published size " + size + " is missing; run fsck"));
        edge.addAll(HashTile.parse(bytes, w).hashes());
      }
      e.levels.add(edge);
    }
    int w = (int) (size % TilePaths.WIDTH);
    if (w > 0) {
      String path = TilePaths.entries(size / TilePaths.WIDTH, w);
      byte[] bytes = storage.get(path).orElseThrow(() -> new StorageException("partial entry bundle " + path
          + " of the published size " + size + " is missing; run fsck"));
      List<byte[]> list = EntryBundle.decode(bytes);
      if (list.size() != w) {
        throw new StorageException("entry bundle " + path + " holds " + list.size() + " entries, not " + w);
      }
      e.entries.addAll(list);
    }
    return e;
  }

  /** Appends one entry; returns its leaf hash. */
  byte[] append(byte[] entry, Output out) {
    entries.add(entry);
    size++;
    if (entries.size() == TilePaths.WIDTH) {
      out.objects.put(TilePaths.entries((size - 1) / TilePaths.WIDTH, TilePaths.WIDTH), EntryBundle.encode(entries));
      entries.clear();
    }
    byte[] leaf = Hashes.leaf(entry);
    add(0, leaf, out);
    return leaf;
  }

  private void add(int level, byte[] hash, Output out) {
    while (levels.size() <= level) {
      levels.add(new ArrayList<>());
    }
    List<byte[]> edge = levels.get(level);
    edge.add(hash);
    if (edge.size() == TilePaths.WIDTH) {
      long n = ((size >> (8 * level)) - 1) / TilePaths.WIDTH;
      HashTile t = HashTile.of(edge);
      String path = TilePaths.tile(level, n, TilePaths.WIDTH);
      out.objects.put(path, t.encode());
      out.tiles.put(path, t);
      edge.clear();
      add(level + 1, t.node(8, 0), out);
    }
  }

  /** Adds the partial tiles and bundle of the current size. */
  void flush(Output out) {
    if (!entries.isEmpty()) {
      out.objects.put(TilePaths.entries(size / TilePaths.WIDTH, entries.size()), EntryBundle.encode(entries));
    }
    for (int level = 0; level < levels.size(); level++) {
      List<byte[]> edge = levels.get(level);
      if (!edge.isEmpty()) {
        long n = (size >> (8 * level)) / TilePaths.WIDTH;
        HashTile t = HashTile.of(edge);
        String path = TilePaths.tile(level, n, edge.size());
        out.objects.put(path, t.encode());
        out.tiles.put(path, t);
      }
    }
  }
}
