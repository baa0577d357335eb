package dev.signet.registry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Robot tokens and generated passwords: 256 random bits, base64url, with a recognisable prefix. Tokens are
 * stored as their SHA-256 (they carry full entropy, so no slow hash is needed) and compared in constant time.
 */
public final class Secrets {
  public static final String ROBOT_TOKEN_PREFIX = "sgr_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  public static String newRobotToken() {
    return ROBOT_TOKEN_PREFIX + random(32);
  }

  /** A random password for a user created without one. */
  public static String newPassword() {
    return random(18);
  }

  public static String sha256Hex(String secret) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison of {@code secret}'s hash with a stored hex hash. */
  public static boolean matchesHash(String secret, String storedHex) {
    byte[] a = sha256Hex(secret).getBytes(StandardCharsets.US_ASCII);
    byte[] b = storedHex == null ? new byte[0] : storedHex.getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(a, b);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
