package dev.signet.crypto.testutil;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;

/** Keys generated once per test JVM, one per algorithm (RSA keys are slow to generate). */
public final class TestKeys {

  private static final Map<SignatureAlgorithm, PrivateKeyHandle> KEYS =
      new EnumMap<>(SignatureAlgorithm.class);

  private TestKeys() {}

  /** A key for {@code algorithm} (an Ed25519 key for both Ed25519 variants; RSA-2048). */
  public static synchronized PrivateKeyHandle forAlgorithm(SignatureAlgorithm algorithm) {
    SignatureAlgorithm keyType =
        algorithm == SignatureAlgorithm.ED25519PH ? SignatureAlgorithm.ED25519 : algorithm;
    return KEYS.computeIfAbsent(
        keyType,
        a ->
            a == SignatureAlgorithm.RSA_PKCS1_SHA256
                ? KeyGenerator.generateRsa(2048, new SecureRandom())
                : KeyGenerator.generate(a, new SecureRandom()));
  }
}
