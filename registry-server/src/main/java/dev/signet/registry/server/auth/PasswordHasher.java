package dev.signet.registry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes with Argon2id (RFC 9106), stored as PHC strings
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}; verification reads the parameters from
 * the string, so they can be raised later. Defaults follow OWASP's minimum (19 MiB, 2 passes, 1 lane).
 * Comparisons are constant-time, and at most a few hashes are computed at once so that a flood of logins
 * cannot exhaust memory.
 */
public final class PasswordHasher {
  private static final Pattern PHC =
      Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final int SALT = 16;
  private static final int HASH = 32;

  private final int memoryKib;
  private final int passes;
  private final SecureRandom random = new SecureRandom();
  private final Semaphore slots = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);
  private final String dummy;

  public PasswordHasher() {
    this(19 * 1024, 2);
  }

  /** Custom cost (tests may lower it; never below 8 MiB and 1 pass). */
  public PasswordHasher(int memoryKib, int passes) {
    if (memoryKib < 8 * 1024 || passes < 1) {
      throw new IllegalArgumentException("argon2id cost too low");
    }
    this.memoryKib = memoryKib;
    this.passes = passes;
    this.dummy = hash("not a password".toCharArray());
  }

  /** A new PHC string for {@code password} with a fresh random salt. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKib, passes, 1, HASH);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + passes + ",p=1$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(out);
  }

  /** True when {@code password} matches {@code phc}; false for a malformed hash. */
  public boolean verify(char[] password, String phc) {
    Matcher m = phc == null ? null : PHC.matcher(phc);
    if (m == null || !m.matches()) {
      verify(password, dummy);
      return false;
    }
    byte[] salt = B64D.decode(m.group(4));
    byte[] expected = B64D.decode(m.group(5));
    byte[] actual = derive(password, salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Spends the time of one verification, so that unknown user names answer as slowly as known ones. */
  public void burn(char[] password) {
    verify(password, dummy);
  }

  private byte[] derive(char[] password, byte[] salt, int memory, int iterations, int lanes, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memory)
        .withIterations(iterations).withParallelism(lanes).build();
    byte[] pw = toUtf8(password);
    byte[] out = new byte[length];
    slots.acquireUninterruptibly();
    try {
      Argon2BytesGenerator gen = new Argon2BytesGenerator();
      gen.init(params);
      gen.generateBytes(pw, out);
      return out;
    } finally {
      slots.release();
      Arrays.fill(pw, (byte) 0);
    }
  }

  private static byte[] toUtf8(char[] password) {
    java.nio.ByteBuffer b = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    if (b.hasArray()) {
      Arrays.fill(b.array(), (byte) 0);
    }
    return out;
  }
}
