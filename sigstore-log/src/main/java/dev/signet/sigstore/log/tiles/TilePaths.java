package dev.signet.sigstore.log.tiles;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * C2SP tlog-tiles resource paths: {@code tile/<L>/<N>[.p/<W>]} and {@code tile/entries/<N>[.p/<W>]}, with
 * {@code N} in zero-padded 3-digit groups, all but the last prefixed by {@code x} (1234067 →
 * {@code x001/x234/067}).
 */
public final class TilePaths {
  /** Hashes (or entries) in a full tile. */
  public static final int WIDTH = 256;

  private static final Pattern TILE = Pattern.compile(
      "tile/(entries|[0-9]|[1-5][0-9]|6[0-3])/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([0-9]{1,3}))?");

  private TilePaths() {}

  /** A parsed tile path; {@code level} -1 for entry bundles, {@code width} 256 for a full tile. */
  public record Tile(int level, long index, int width) {
    public boolean isEntries() {
      return level < 0;
    }

    public boolean isPartial() {
      return width < WIDTH;
    }

    public String path() {
      return isEntries() ? entries(index, width) : tile(level, index, width);
    }
  }

  public static String tile(int level, long index, int width) {
    return "tile/" + level + "/" + encode(index) + suffix(width);
  }

  public static String entries(long index, int width) {
    return "tile/entries/" + encode(index) + suffix(width);
  }

  private static String suffix(int width) {
    if (width < 1 || width > WIDTH) {
      throw new IllegalArgumentException("tile width " + width + " is not in 1..256");
    }
    return width == WIDTH ? "" : ".p/" + width;
  }

  /** The {@code N} part: 3-digit groups, all but the last prefixed with {@code x}. */
  public static String encode(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative tile index " + n);
    }
    String last = String.format("%03d", n % 1000);
    StringBuilder b = new StringBuilder();
    for (long rest = n / 1000; rest > 0; rest /= 1000) {
      b.insert(0, String.format("x%03d/", rest % 1000));
    }
    return b + last;
  }

  /** Parses a tile or entry-bundle path, or returns null when it is not one. */
  public static Tile parse(String path) {
    Matcher m = TILE.matcher(path);
    if (!m.matches()) {
      return null;
    }
    long index = 0;
    for (String g : m.group(2).split("/")) {
      String digits = g.startsWith("x") ? g.substring(1) : g;
      if (index > (Long.MAX_VALUE - 999) / 1000) {
        return null;
      }
      index = index * 1000 + Integer.parseInt(digits);
    }
    int width = WIDTH;
    if (m.group(3) != null) {
      width = Integer.parseInt(m.group(3));
      if (width < 1 || width > 255 || m.group(3).startsWith("0")) {
        return null;
      }
    }
    if (!encode(index).equals(m.group(2))) {
      return null; // not the canonical encoding
    }
    int level = m.group(1).equals("entries") ? -1 : Integer.parseInt(m.group(1));
    return new Tile(level, index, width);
  }

  /**
   * The width of the tile at {@code level} holding leaf-level position {@code index}-th tile for a tree
   * of {@code size}: 256 when full, the partial width, or 0 if the tile has no hashes yet.
   */
  public static int widthAt(int level, long tileIndex, long size) {
    long hashesAtLevel = size >> (8 * level);
    long start = tileIndex * WIDTH;
    if (hashesAtLevel <= start) {
      return 0;
    }
    return (int) Math.min(WIDTH, hashesAtLevel - start);
  }
}
