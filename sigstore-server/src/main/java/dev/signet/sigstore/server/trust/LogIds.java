package dev.signet.sigstore.server.trust;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;

/** The two log-id schemes a trusted root uses (trap T4 of the reference). */
public final class LogIds {
  private LogIds() {}

  /** Rekor v1 and CT logs: SHA-256 of the DER SubjectPublicKeyInfo. */
  public static byte[] spki(PublicKey key) {
    return sha256(key.getEncoded());
  }

  /**
   * Rekor v2 with an Ed25519 key: the C2SP signed-note key id, SHA-256({@code origin} ‖ 0x0A ‖ 0x01 ‖
   * the 32-byte public key); ECDSA v2 logs keep {@link #spki}.
   */
  public static byte[] c2spEd25519(String origin, PublicKey ed25519) {
    byte[] spki = ed25519.getEncoded();
    if (!ed25519.getAlgorithm().equals("Ed25519") && !ed25519.getAlgorithm().equals("EdDSA") || spki.length != 44) {
      throw new IllegalArgumentException("not an Ed25519 key: " + ed25519.getAlgorithm());
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(origin.getBytes(StandardCharsets.UTF_8));
    b.write('\n');
    b.write(0x01);
    b.writeBytes(Arrays.copyOfRange(spki, 12, 44));
    return sha256(b.toByteArray());
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
