package dev.signet.crypto.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Password handling: UTF-8 bytes from {@code char[]} without going through a {@code String}. */
public final class Passwords {

  private Passwords() {}

  /**
   * The UTF-8 encoding of {@code password} (what Go's {@code []byte(string)} gives cosign). The
   * caller zeroes the result after use; intermediate buffers are zeroed here.
   *
   * @throws IllegalArgumentException if the password contains unpaired surrogates
   */
  public static byte[] utf8(char[] password) {
    ByteBuffer buffer;
    try {
      buffer =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("password is not valid Unicode text", e);
    }
    byte[] out = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
    Arrays.fill(buffer.array(), (byte) 0);
    return out;
  }
}
