package dev.signet.sigstore.log.note;

import dev.signet.sigstore.log.tiles.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs C2SP signed notes with a {@link LogKey} under a key name. Key IDs: Ed25519
 * {@code SHA-256(name ‖ \n ‖ 0x01 ‖ raw key)}, ECDSA {@code SHA-256(DER SPKI)} (no name, as Rekor v1 and
 * rekor-tiles compute it); the note's key hint is the first four bytes, the whole digest is the log id.
 */
public final class NoteSigner {
  private static final int ED25519_SPKI_PREFIX = 12;

  private final String name;
  private final LogKey key;
  private final byte[] keyId;

  public NoteSigner(String name, LogKey key) {
    if (name.isEmpty() || name.contains("+") || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("note key name \"" + name + "\" must be non-empty without spaces or +");
    }
    this.name = name;
    this.key = key;
    MessageDigest md = Hashes.sha256();
    byte[] spki = key.publicKey().getEncoded();
    if (key.type() == LogKey.Type.ED25519) {
      md.update(name.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n');
      md.update((byte) 0x01);
      md.update(spki, ED25519_SPKI_PREFIX, spki.length - ED25519_SPKI_PREFIX);
      keyId = md.digest();
    } else {
      keyId = md.digest(spki);
    }
  }

  public String name() {
    return name;
  }

  public LogKey key() {
    return key;
  }

  /** The full 32-byte key id: the log id of the trusted root and of bundles. */
  public byte[] logId() {
    return keyId.clone();
  }

  /** Ed25519 over the bytes, or ECDSA P-256 with SHA-256 (DER). */
  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance(key.type() == LogKey.Type.ED25519 ? "Ed25519" : "SHA256withECDSA");
      s.initSign(key.privateKey());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with the log key failed", e);
    }
  }

  /** Whether {@code sig} is this key's signature over {@code data}. */
  public boolean verifies(byte[] data, byte[] sig) {
    try {
      Signature s = Signature.getInstance(key.type() == LogKey.Type.ED25519 ? "Ed25519" : "SHA256withECDSA");
      s.initVerify(key.publicKey());
      s.update(data);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The signed note: {@code text} (ending in a newline), a blank line and this key's signature line. */
  public String signNote(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    byte[] sig = sign(text.getBytes(StandardCharsets.UTF_8));
    byte[] line = new byte[4 + sig.length];
    System.arraycopy(keyId, 0, line, 0, 4);
    System.arraycopy(sig, 0, line, 4, sig.length);
    return text + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
  }

  /** The verifier key text form {@code <name>+<hex id>+<base64(type ‖ key)>} (Ed25519 only). */
  public String vkey() {
    if (key.type() != LogKey.Type.ED25519) {
      throw new IllegalStateException("vkeys are defined for Ed25519 note keys only");
    }
    byte[] spki = key.publicKey().getEncoded();
    byte[] typed = new byte[33];
    typed[0] = 0x01;
    System.arraycopy(spki, ED25519_SPKI_PREFIX, typed, 1, 32);
    return name + "+" + java.util.HexFormat.of().formatHex(Arrays.copyOf(keyId, 4)) + "+"
        + Base64.getEncoder().encodeToString(typed);
  }
}
