package dev.signet.crypto.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox}: XSalsa20 encryption with a Poly1305 authenticator.
 *
 * <p>Construction: the first 32 bytes of the XSalsa20 keystream are the one-time Poly1305 key; the
 * message is encrypted with the keystream that follows; the output is the 16-byte tag followed by
 * the ciphertext (the layout of Go's {@code secretbox.Seal}). Opening checks the tag in constant
 * time before decrypting anything.
 */
public final class SecretBox {

  /** Key length in bytes. */
  public static final int KEY_BYTES = 32;

  /** Nonce length in bytes. */
  public static final int NONCE_BYTES = 24;

  /** Authenticator length in bytes. */
  public static final int TAG_BYTES = 16;

  private SecretBox() {}

  /** Encrypts and authenticates {@code message}; returns tag || ciphertext. */
  public static byte[] seal(byte[] message, byte[] nonce, byte[] key) {
    XSalsa20Engine stream = stream(nonce, key);
    byte[] macKey = new byte[32];
    try {
      stream.processBytes(new byte[32], 0, 32, macKey, 0);
      byte[] out = new byte[TAG_BYTES + message.length];
      stream.processBytes(message, 0, message.length, out, TAG_BYTES);
      tag(macKey, out, TAG_BYTES, message.length, out);
      return out;
    } finally {
      Arrays.fill(macKey, (byte) 0);
    }
  }

  /**
   * Verifies and decrypts a box produced by {@link #seal}; empty when the authenticator does not
   * match (wrong key, wrong nonce or modified data) or the box is shorter than a tag.
   */
  public static Optional<byte[]> open(byte[] box, byte[] nonce, byte[] key) {
    if (box.length < TAG_BYTES) {
      return Optional.empty();
    }
    XSalsa20Engine stream = stream(nonce, key);
    byte[] macKey = new byte[32];
    byte[] expected = new byte[TAG_BYTES];
    try {
      stream.processBytes(new byte[32], 0, 32, macKey, 0);
      int length = box.length - TAG_BYTES;
      tag(macKey, box, TAG_BYTES, length, expected);
      if (!MessageDigest.isEqual(expected, Arrays.copyOf(box, TAG_BYTES))) {
        return Optional.empty();
      }
      byte[] plain = new byte[length];
      stream.processBytes(box, TAG_BYTES, length, plain, 0);
      return Optional.of(plain);
    } finally {
      Arrays.fill(macKey, (byte) 0);
    }
  }

  private static XSalsa20Engine stream(byte[] nonce, byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("secretbox key must be 32 bytes");
    }
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("secretbox nonce must be 24 bytes");
    }
    XSalsa20Engine engine = new XSalsa20Engine();
    engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return engine;
  }

  private static void tag(byte[] macKey, byte[] data, int off, int len, byte[] out) {
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(macKey));
    mac.update(data, off, len);
    mac.doFinal(out, 0);
  }
}
