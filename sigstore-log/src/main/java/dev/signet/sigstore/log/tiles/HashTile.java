package dev.signet.sigstore.log.tiles;

import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle tile: up to 256 concatenated 32-byte hashes, plus the hashes of every complete subtree inside it
 * (levels 1..8 within the tile), computed once so proofs need no rehashing.
 */
public final class HashTile {
  private final List<List<byte[]>> levels = new ArrayList<>();

  private HashTile(List<byte[]> hashes) {
    levels.add(hashes);
    List<byte[]> below = hashes;
    while (below.size() > 1) {
      List<byte[]> up = new ArrayList<>(below.size() / 2);
      for (int i = 0; i + 1 < below.size(); i += 2) {
        up.add(Hashes.node(below.get(i), below.get(i + 1)));
      }
      levels.add(up);
      below = up;
    }
  }

  public static HashTile of(List<byte[]> hashes) {
    if (hashes.isEmpty() || hashes.size() > TilePaths.WIDTH) {
      throw new IllegalArgumentException("a tile holds 1..256 hashes, not " + hashes.size());
    }
    return new HashTile(List.copyOf(hashes));
  }

  /** Parses a tile of {@code width} hashes. */
  public static HashTile parse(byte[] bytes, int width) {
    if (bytes.length != width * Hashes.SIZE) {
      throw new IllegalArgumentException("a tile of width " + width + " has " + width * Hashes.SIZE
          + " bytes, not " + bytes.length);
    }
    List<byte[]> hashes = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      byte[] h = new byte[Hashes.SIZE];
      System.arraycopy(bytes, i * Hashes.SIZE, h, 0, Hashes.SIZE);
      hashes.add(h);
    }
    return of(hashes);
  }

  public int width() {
    return levels.get(0).size();
  }

  public List<byte[]> hashes() {
    return levels.get(0);
  }

  /** The hash of the complete subtree of height {@code h} (0..8) at position {@code k} inside the tile. */
  public byte[] node(int h, int k) {
    if (h >= levels.size() || k >= levels.get(h).size()) {
      throw new IllegalArgumentException("tile of width " + width() + " has no complete node (" + h + ", " + k + ")");
    }
    return levels.get(h).get(k);
  }

  public byte[] encode() {
    byte[] out = new byte[width() * Hashes.SIZE];
    for (int i = 0; i < width(); i++) {
      System.arraycopy(levels.get(0).get(i), 0, out, i * Hashes.SIZE, Hashes.SIZE);
    }
    return out;
  }
}
