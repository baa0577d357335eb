package dev.signet.sigstore.log.http;

import dev.signet.sigstore.log.engine.TileLog;
import dev.signet.sigstore.log.storage.StorageException;
import dev.signet.sigstore.log.tiles.TilePaths;
import java.util.Map;
import java.util.Optional;

/**
 * The tlog-tiles read API of one log: {@code checkpoint}, {@code tile/<L>/<N>[.p/<W>]},
 * {@code tile/entries/<N>[.p/<W>]}. Only tiles within the published checkpoint are served (a batch being
 * integrated is invisible until published); tiles are immutable, the checkpoint is cached briefly.
 */
public final class TilesApi {
  private final TileLog log;

  public TilesApi(TileLog log) {
    this.log = log;
  }

  /** @param path relative to the log's prefix, without a leading slash */
  public Optional<Reply> get(String path) {
    if (path.equals("checkpoint")) {
      return Optional.of(new Reply(200, "text/plain; charset=utf-8", Map.of("Cache-Control", "max-age=1"),
          log.state().checkpoint().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    TilePaths.Tile t = TilePaths.parse(path);
    if (t == null) {
      return path.startsWith("tile/") ? Optional.of(Reply.v2Error(404, 5, "not a tile path: " + path, Map.of()))
          : Optional.empty();
    }
    long size = log.state().size();
    int level = t.isEntries() ? 0 : t.level();
    int available = TilePaths.widthAt(level, t.index(), size);
    if (available < t.width()) {
      return Optional.of(Reply.v2Error(404, 5, path + " is beyond the published tree size " + size, Map.of()));
    }
    try {
      Optional<byte[]> bytes = log.storage().get(t.path());
      if (bytes.isEmpty() && !t.isEntries() && t.isPartial()) {
        bytes = Optional.of(log.reader().tile(t.level(), t.index(), sizeFor(t)).encode());
      }
      return Optional.of(bytes.map(b -> new Reply(200, "application/octet-stream",
          Map.of("Cache-Control", "public, max-age=31536000, immutable"), b))
          .orElseGet(() -> Reply.v2Error(404, 5, path + " does not exist", Map.of())));
    } catch (StorageException e) {
      return Optional.of(Reply.v2Error(500, 13, "cannot read " + path + ": " + e.getMessage(), Map.of()));
    }
  }

  /** A tree size at which the tile has exactly its width. */
  private static long sizeFor(TilePaths.Tile t) {
    return ((t.index() * TilePaths.WIDTH) + t.width()) << (8 * t.level());
  }
}
