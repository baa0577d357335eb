package dev.signet.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a key password the way cosign does: {@code COSIGN_PASSWORD} if set (even empty), else a prompt
 * on the terminal (twice when creating a key), else all of standard input. Never echoes or logs it.
 */
public final class Passwords {
  private Passwords() {}

  public static char[] read(CliContext context, boolean confirm) {
    String fromEnv = context.env("COSIGN_PASSWORD");
    if (fromEnv != null) {
      return fromEnv.toCharArray();
    }
    Console console = context.interactive() ? System.console() : null;
    if (console != null) {
      char[] first = console.readPassword("Enter password for private key: ");
      if (first == null) {
        throw new CommandFailure(ExitCodes.FAILURE, "no password entered");
      }
      if (confirm) {
        char[] second = console.readPassword("Enter password for private key again: ");
        boolean same = second != null && Arrays.equals(first, second);
        if (second != null) {
          Arrays.fill(second, '\0');
        }
        if (!same) {
          Arrays.fill(first, '\0');
          throw new CommandFailure(ExitCodes.FAILURE, "passwords do not match");
        }
      }
      return first;
    }
    return readAll(context);
  }

  private static char[] readAll(CliContext context) {
    try {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      context.stdin().transferTo(buf);
      byte[] bytes = buf.toByteArray();
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
      Arrays.fill(bytes, (byte) 0);
      char[] out = Arrays.copyOf(chars.array(), chars.limit());
      Arrays.fill(chars.array(), '\0');
      return out;
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "reading the key password from standard input: " + e.getMessage());
    }
  }
}
