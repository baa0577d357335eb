package dev.signet.verify.tlog;

import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.Verifier;
import dev.signet.crypto.VerifierCache;
import dev.signet.crypto.Verifiers;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Verifies signed-note signature lines of one key. Key ids follow C2SP {@code signed-note} and Rekor:
 * Ed25519 (type 0x01) {@code SHA-256(name ‖ \n ‖ 0x01 ‖ key)[:4]}; ECDSA (type 0x02) and Rekor v1 RSA
 * {@code SHA-256(SPKI DER)[:4]}, independent of the name; Rekor v2 RSA
 * {@code SHA-256(name ‖ \n ‖ 0xff ‖ "PKIX-RSA-PKCS#1v1.5" ‖ SPKI)[:4]}; Ed25519 cosignatures (type 0x04)
 * {@code SHA-256(name ‖ \n ‖ 0x04 ‖ key)[:4]} with an 8-byte timestamp before the signature, over
 * {@code "cosignature/v1\ntime <ts>\n" ‖ text}.
 */
public final class NoteVerifier {

  /** How the key id is derived and what a signature covers. */
  public enum Type { ED25519, ECDSA, RSA_SPKI, RSA_C2SP, COSIGNATURE_ED25519 }

  private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final String RSA_ID = "PKIX-RSA-PKCS#1v1.5";

  private final String name;
  private final Type type;
  private final PublicKey key;
  private final byte[] fullKeyId;
  private final Verifier verifier;

  private NoteVerifier(String name, Type type, PublicKey key) throws VerificationException {
    this(name, type, key, new VerifierCache(0));
  }

  private NoteVerifier(String name, Type type, PublicKey key, VerifierCache verifiers) throws VerificationException {
    this.name = Objects.requireNonNull(name, "name");
    this.type = type;
    this.key = key;
    this.fullKeyId = computeKeyId(name, type, key);
    try {
      this.verifier = verifiers.get(key);
    } catch (UnsupportedKeyException e) {
      throw new VerificationException(Check.TRUST_ROOT, "note key " + name + ": " + e.getMessage(), e);
    }
  }

  /** A C2SP Ed25519 note key (type 0x01). */
  public static NoteVerifier ed25519(String name, PublicKey key) throws VerificationException {
    return new NoteVerifier(name, Type.ED25519, key);
  }

  /** A C2SP Ed25519 cosignature (witness) key (type 0x04). */
  public static NoteVerifier cosignature(String name, PublicKey key) throws VerificationException {
    return new NoteVerifier(name, Type.COSIGNATURE_ED25519, key);
  }

  /**
   * The verifier for a transparency log's own checkpoint signature: Ed25519 keys get C2SP type 0x01,
   * ECDSA keys type 0x02 and RSA keys Rekor v1's SPKI-hash key id.
   */
  public static NoteVerifier forLog(String name, PublicKey key) throws VerificationException {
    return forLog(name, key, new VerifierCache(0));
  }

  /** As {@link #forLog(String, PublicKey)}, taking the key's verifier from {@code verifiers} (log keys recur). */
  public static NoteVerifier forLog(String name, PublicKey key, VerifierCache verifiers) throws VerificationException {
    if (key instanceof ECPublicKey) {
      return new NoteVerifier(name, Type.ECDSA, key, verifiers);
    }
    if (key instanceof RSAPublicKey) {
      return new NoteVerifier(name, Type.RSA_SPKI, key, verifiers);
    }
    return new NoteVerifier(name, Type.ED25519, key, verifiers);
  }

  /** A verifier with an explicit type (e.g. {@link Type#RSA_C2SP} for a Rekor v2 RSA log). */
  public static NoteVerifier of(String name, Type type, PublicKey key) throws VerificationException {
    return new NoteVerifier(name, type, key);
  }

  /**
   * Parses a C2SP verifier key {@code <name>+<hex key id>+<base64(type ‖ key)>} of type 0x01 or 0x04.
   *
   * @throws VerificationException (TRUST_ROOT) when malformed or the key id does not match
   */
  public static NoteVerifier parseVkey(String vkey) throws VerificationException {
    // The base64 key may itself contain "+": only the first two separate fields.
    String[] parts = vkey.split("\\+", 3);
    if (parts.length != 3 || parts[0].isEmpty() || !parts[1].matches("[0-9a-f]{8}")) {
      throw new VerificationException(Check.TRUST_ROOT, "verifier key \"" + vkey
          + "\" is not <name>+<8 hex key id>+<base64 key>");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new VerificationException(Check.TRUST_ROOT, "verifier key " + parts[0] + ": key is not base64");
    }
    if (raw.length != 33 || (raw[0] != 0x01 && raw[0] != 0x04)) {
      throw new VerificationException(Check.TRUST_ROOT, "verifier key " + parts[0]
          + ": only Ed25519 (0x01) and Ed25519 cosignature (0x04) keys are supported");
    }
    PublicKey key = ed25519Key(Arrays.copyOfRange(raw, 1, 33));
    NoteVerifier v = new NoteVerifier(parts[0], raw[0] == 0x01 ? Type.ED25519 : Type.COSIGNATURE_ED25519, key);
    if (!HexFormat.of().formatHex(v.keyId()).equals(parts[1])) {
      throw new VerificationException(Check.TRUST_ROOT, "verifier key " + parts[0] + ": key id " + parts[1]
          + " does not match the key (" + HexFormat.of().formatHex(v.keyId()) + ")");
    }
    return v;
  }

  /** An Ed25519 public key from its 32 raw bytes. */
  public static PublicKey ed25519Key(byte[] raw) throws VerificationException {
    byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
    System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
    System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new VerificationException(Check.TRUST_ROOT, "not an Ed25519 key", e);
    }
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public PublicKey key() {
    return key;
  }

  /** The 4-byte key id on signature lines. */
  public byte[] keyId() {
    return Arrays.copyOf(fullKeyId, 4);
  }

  /** The whole 32-byte hash the key id is cut from (a Rekor v2 log id, a Rekor v1 / CT log id). */
  public byte[] fullKeyId() {
    return fullKeyId.clone();
  }

  /** Whether a signature line claims to be by this key: same name (where the id depends on it) and key id. */
  public boolean matches(SignedNote.Line line) {
    boolean nameMatters = type != Type.ECDSA && type != Type.RSA_SPKI;
    return (!nameMatters || name.equals(line.name())) && line.hasKeyId(keyId());
  }

  /**
   * Verifies one signature line's signature over the note text.
   *
   * @return the cosignature timestamp (seconds) for cosignatures, else -1
   * @throws VerificationException (CHECKPOINT) when it does not verify
   */
  public long verify(byte[] text, SignedNote.Line line) throws VerificationException {
    byte[] sig = line.signature();
    byte[] message = text;
    long timestamp = -1;
    if (type == Type.COSIGNATURE_ED25519) {
      if (sig.length != 8 + 64) {
        throw new VerificationException(Check.CHECKPOINT, "cosignature by " + line.name() + " is " + sig.length
            + " bytes, expected 72 (timestamp and Ed25519 signature)");
      }
      timestamp = ByteBuffer.wrap(sig, 0, 8).getLong();
      byte[] prefix = ("cosignature/v1\ntime " + Long.toUnsignedString(timestamp) + "\n")
          .getBytes(StandardCharsets.US_ASCII);
      message = new byte[prefix.length + text.length];
      System.arraycopy(prefix, 0, message, 0, prefix.length);
      System.arraycopy(text, 0, message, prefix.length, text.length);
      sig = Arrays.copyOfRange(sig, 8, sig.length);
    }
    try {
      verifier.verify(message, sig);
    } catch (SignatureVerificationException | RuntimeException e) {
      throw new VerificationException(Check.CHECKPOINT, "signature by " + line.name() + " (key id "
          + HexFormat.of().formatHex(keyId()) + ") does not verify over the note");
    }
    return timestamp;
  }

  private static byte[] computeKeyId(String name, Type type, PublicKey key) throws VerificationException {
    MessageDigest md = Merkle.sha256();
    byte[] spki = key.getEncoded();
    switch (type) {
      case ECDSA, RSA_SPKI -> md.update(spki);
      case RSA_C2SP -> {
        md.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0xff);
        md.update(RSA_ID.getBytes(StandardCharsets.US_ASCII));
        md.update(spki);
      }
      default -> {
        md.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        md.update((byte) (type == Type.ED25519 ? 0x01 : 0x04));
        md.update(rawEd25519(key, name));
      }
    }
    return md.digest();
  }

  private static byte[] rawEd25519(PublicKey key, String name) throws VerificationException {
    try {
      byte[] raw = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
      if (raw.length != 32) {
        throw new IllegalArgumentException("length " + raw.length);
      }
      return raw;
    } catch (RuntimeException e) {
      throw new VerificationException(Check.TRUST_ROOT, "note key " + name + " is not an Ed25519 key", e);
    }
  }

  @Override
  public String toString() {
    return name + "+" + HexFormat.of().formatHex(keyId()) + " (" + type + ")";
  }
}
