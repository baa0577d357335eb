package dev.signet.tuf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a repository from a directory ({@code file:} mirrors, air-gapped copies). */
public final class FileRepositoryFetcher implements RepositoryFetcher {
  private final Path base;

  public FileRepositoryFetcher(Path base) {
    this.base = base.toAbsolutePath().normalize();
  }

  @Override
  public Optional<byte[]> fetch(String path, long maxLength) throws TufFetchException {
    Path file = base.resolve(path).normalize();
    if (!file.startsWith(base)) {
      throw new TufFetchException(path + ": path leaves the repository directory " + base);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.of(HttpRepositoryFetcher.readAtMost(path, in, maxLength));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new TufFetchException(path + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return base.toUri().toString();
  }
}
