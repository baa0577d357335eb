package dev.signet.sigstore.log.engine;

import dev.signet.sigstore.log.note.CheckpointText;
import dev.signet.sigstore.log.note.NoteSigner;
import dev.signet.sigstore.log.storage.LogStorage;
import dev.signet.sigstore.log.storage.StorageException;
import dev.signet.sigstore.log.tiles.EntryBundle;
import dev.signet.sigstore.log.tiles.HashTile;
import dev.signet.sigstore.log.tiles.Hashes;
import dev.signet.sigstore.log.tiles.TilePaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Checks a (quiescent) log offline: re-hashes every entry bundle into the level-0 tiles, every full tile
 * into the level above, checks that the partial tiles of every published batch size exist and agree with
 * the tiles after them, that the root of the tiles equals the published checkpoint's, and that the
 * checkpoint is signed by the log key over exactly that size and root.
 */
public final class Fsck {
  private final LogStorage storage;
  private final List<String> problems = new ArrayList<>();

  private Fsck(LogStorage storage) {
    this.storage = storage;
  }

  /** The problems found (empty: clean). */
  public static List<String> check(LogStorage storage, NoteSigner signer, String origin) throws StorageException {
    Fsck f = new Fsck(storage);
    f.run(signer, origin);
    return List.copyOf(f.problems);
  }

  private void run(NoteSigner signer, String origin) throws StorageException {
    byte[] raw = storage.readState().orElse(null);
    if (raw == null) {
      problems.add("no published state");
      return;
    }
    LogState state = LogState.decode(raw);
    long size = state.size();
    // level 0: bundles → leaf hashes
    List<byte[]> upper = new ArrayList<>();
    for (long n = 0; n * TilePaths.WIDTH < size; n++) {
      int w = TilePaths.widthAt(0, n, size);
      List<byte[]> entries = storage.get(TilePaths.entries(n, w)).map(EntryBundle::decode).orElse(null);
      if (entries == null || entries.size() != w) {
        problems.add("entry bundle " + TilePaths.entries(n, w) + (entries == null ? " is missing" : " has "
            + entries.size() + " entries"));
        return;
      }
      List<byte[]> leaves = entries.stream().map(Hashes::leaf).toList();
      compareTile(0, n, w, leaves);
    }
    // levels ≥ 1: each hash is the root of a full tile below
    for (int level = 1; (size >> (8 * level)) > 0; level++) {
      long hashes = size >> (8 * level);
      for (long n = 0; n * TilePaths.WIDTH < hashes; n++) {
        int w = TilePaths.widthAt(level, n, size);
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < w; i++) {
          byte[] below = storage.get(TilePaths.tile(level - 1, n * TilePaths.WIDTH + i, TilePaths.WIDTH)).orElse(null);
          if (below == null) {
            problems.add("tile " + TilePaths.tile(level - 1, n * TilePaths.WIDTH + i, TilePaths.WIDTH) + " is missing");
            return;
          }
          expected.add(HashTile.parse(below, TilePaths.WIDTH).node(8, 0));
        }
        compareTile(level, n, w, expected);
      }
    }
    checkBatches(size);
    TileReader reader = new TileReader(storage, () -> 0);
    byte[] root = reader.root(size);
    if (!Arrays.equals(root, state.root())) {
      problems.add("the tiles' root at size " + size + " differs from the published state's");
    }
    String text = CheckpointText.of(origin, size, root);
    if (!state.checkpoint().startsWith(text + "\n")) {
      problems.add("the checkpoint does not state origin " + origin + ", size " + size + " and the tiles' root");
    } else if (!signatureValid(state.checkpoint(), text, signer)) {
      problems.add("the checkpoint's signature does not verify with the log key");
    }
  }

  private void compareTile(int level, long n, int w, List<byte[]> expected) throws StorageException {
    String path = TilePaths.tile(level, n, w);
    byte[] tile = storage.get(path).orElse(null);
    if (tile == null) {
      problems.add("tile " + path + " is missing");
    } else if (!Arrays.equals(tile, HashTile.of(expected).encode())) {
      problems.add("tile " + path + " does not match the hashes below it");
    }
  }

  /** Every published batch size has its partial tiles, and they are prefixes of the current tiles. */
  private void checkBatches(long size) throws StorageException {
    TileReader reader = new TileReader(storage, () -> 0);
    for (long start = 0; start < size; ) {
      byte[] b = storage.get(Journal.batchPath(start)).orElse(null);
      if (b == null) {
        problems.add("batch record " + start + " is missing");
        return;
      }
      long end = Journal.decodeBatch(start, b).end();
      for (int level = 0; (end >> (8 * level)) > 0; level++) {
        long hashes = end >> (8 * level);
        int w = (int) (hashes % TilePaths.WIDTH);
        if (w == 0) {
          continue;
        }
        long n = hashes / TilePaths.WIDTH;
        byte[] partial = storage.get(TilePaths.tile(level, n, w)).orElse(null);
        if (partial == null) {
          problems.add("partial tile " + TilePaths.tile(level, n, w) + " of published size " + end + " is missing");
          continue;
        }
        byte[] now = reader.tile(level, n, size).encode();
        if (!Arrays.equals(partial, Arrays.copyOf(now, partial.length))) {
          problems.add("partial tile " + TilePaths.tile(level, n, w) + " disagrees with the tree at size " + size);
        }
      }
      if (end % TilePaths.WIDTH != 0 && storage.get(TilePaths.entries(end / TilePaths.WIDTH,
          (int) (end % TilePaths.WIDTH))).isEmpty()) {
        problems.add("partial entry bundle of published size " + end + " is missing");
      }
      start = end;
    }
  }

  private static boolean signatureValid(String note, String text, NoteSigner signer) {
    String prefix = "\u2014 " + signer.name() + " ";
    for (String line : note.substring(text.length() + 1).split("\n")) {
      if (!line.startsWith(prefix)) {
        continue;
      }
      byte[] sig = Base64.getDecoder().decode(line.substring(prefix.length()));
      if (!Arrays.equals(Arrays.copyOf(sig, 4), Arrays.copyOf(signer.logId(), 4))) {
        continue;
      }
      return signer.verifies(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(sig, 4, sig.length));
    }
    return false;
  }
}
