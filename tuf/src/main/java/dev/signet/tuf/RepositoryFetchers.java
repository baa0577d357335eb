package dev.signet.tuf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Picks the fetcher for a mirror URL: {@code http(s)://} or {@code file:}. */
public final class RepositoryFetchers {
  private RepositoryFetchers() {}

  public static RepositoryFetcher forMirror(String mirror, Duration timeout) throws TufException {
    URI uri;
    try {
      uri = URI.create(mirror);
    } catch (IllegalArgumentException e) {
      throw new TufException("mirror " + mirror + " is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    return switch (scheme) {
      case "http", "https" -> new HttpRepositoryFetcher(uri, Duration.ofSeconds(Math.max(1, Math.min(10, timeout.toSeconds()))), timeout);
      case "file" -> new FileRepositoryFetcher(Path.of(uri));
      default -> throw new TufException("mirror " + mirror + ": use an http://, https:// or file: URL");
    };
  }
}
