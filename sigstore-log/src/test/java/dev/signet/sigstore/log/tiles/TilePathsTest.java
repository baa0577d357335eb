package dev.signet.sigstore.log.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TilePathsTest {
  @Test
  void indexEncodingFollowsTheSpecExample() {
    assertEquals("x001/x234/067", TilePaths.encode(1234067));
    assertEquals("000", TilePaths.encode(0));
    assertEquals("x001/000", TilePaths.encode(1000));
    assertEquals("tile/0/x001/x234/067.p/8", TilePaths.tile(0, 1234067, 8));
    assertEquals("tile/entries/x001/x234/067", TilePaths.entries(1234067, 256));
  }

  @Test
  void pathsParseBackAndNonCanonicalOnesAreRejected() {
    assertEquals(new TilePaths.Tile(2, 1234067, 17), TilePaths.parse("tile/2/x001/x234/067.p/17"));
    assertEquals(new TilePaths.Tile(-1, 5, 256), TilePaths.parse("tile/entries/005"));
    for (String bad : List.of("tile/0/5", "tile/0/x000/005", "tile/0/005.p/0", "tile/0/005.p/256", "tile/0/005.p/07",
        "tile/64/000", "tile/0/005/", "checkpoint")) {
      assertNull(TilePaths.parse(bad), bad);
    }
  }

  @Test
  void widthsForTheSpecsSeventyThousandExample() {
    long size = 70_000;
    assertEquals(256, TilePaths.widthAt(0, 272, size));
    assertEquals(112, TilePaths.widthAt(0, 273, size));
    assertEquals(0, TilePaths.widthAt(0, 274, size));
    assertEquals(256, TilePaths.widthAt(1, 0, size));
    assertEquals(17, TilePaths.widthAt(1, 1, size));
    assertEquals(1, TilePaths.widthAt(2, 0, size));
  }

  @Test
  void entryBundlesRoundTripAndRejectTruncation() {
    List<byte[]> entries = List.of(new byte[] {1}, new byte[300], new byte[0]);
    byte[] b = EntryBundle.encode(entries);
    assertEquals(2 + 1 + 2 + 300 + 2, b.length);
    assertEquals(1, b[1]);
    assertEquals(300, ((b[3] & 0xff) << 8) | (b[4] & 0xff));
    assertEquals(3, EntryBundle.decode(b).size());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> EntryBundle.decode(java.util.Arrays.copyOf(b, b.length - 3)));
  }
}
