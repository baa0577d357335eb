package dev.signet.cli.options;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes the files a command names, with one-line failures that say which file and why. */
public final class Inputs {
  private Inputs() {}

  /** The bytes of {@code path} ({@code -} reads standard input when {@code stdinAllowed}). */
  public static byte[] read(CliContext ctx, String path, String what, boolean stdinAllowed) {
    if (path == null || path.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, what + " is required");
    }
    try {
      if (stdinAllowed && path.equals("-")) {
        return ctx.stdin().readAllBytes();
      }
      Path p = ctx.resolve(path);
      if (Files.isDirectory(p)) {
        throw new CommandFailure(ExitCodes.FAILURE, "cannot read " + what + " " + path + ": it is a directory");
      }
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot read " + what + " " + path + ": no such file");
    } catch (AccessDeniedException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot read " + what + " " + path + ": permission denied");
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot read " + what + " " + path + ": " + e.getMessage());
    }
  }

  /** Writes {@code content} to {@code path} (mode 0600 where supported, as cosign writes outputs). */
  public static void write(CliContext ctx, String path, byte[] content, String what) {
    Path p = ctx.resolve(path);
    try {
      Files.write(p, content);
      try {
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the default mode
      }
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot write " + what + " " + path + ": "
          + (e instanceof NoSuchFileException ? "no such directory" : e.getMessage()));
    }
  }
}
