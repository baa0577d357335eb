package dev.signet.crypto.keys;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.WrongPasswordException;
import dev.signet.crypto.internal.Passwords;
import dev.signet.crypto.internal.Pem;
import dev.signet.crypto.internal.Scrypt;
import dev.signet.crypto.internal.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The password-protected private key file of cosign and Sigstore ({@code cosign.key}).
 *
 * <p>Format: a PEM block labelled {@code ENCRYPTED SIGSTORE PRIVATE KEY} (written by default) or
 * {@code ENCRYPTED COSIGN PRIVATE KEY} (older cosign; read, and written on request), whose body is
 * compact JSON naming scrypt (N=65536, r=8, p=1 when written; 32768, 65536 or 131072 accepted) over
 * a 32-byte random salt, and a NaCl secretbox (XSalsa20-Poly1305) with a 24-byte random nonce. The
 * plaintext is PKCS#8 DER, and only PKCS#8 is accepted when reading, as in cosign.
 *
 * <p>Passwords are UTF-8 encoded; an empty password is allowed. The caller's {@code char[]} is not
 * modified; derived keys and plaintext copies are zeroed after use.
 */
public final class CosignKeyFile {

  /** The PEM label of an encrypted key file. */
  public enum Label {
    /** {@code ENCRYPTED SIGSTORE PRIVATE KEY}: what current cosign writes. */
    SIGSTORE("ENCRYPTED SIGSTORE PRIVATE KEY"),
    /** {@code ENCRYPTED COSIGN PRIVATE KEY}: the legacy label, still read by cosign. */
    COSIGN("ENCRYPTED COSIGN PRIVATE KEY");

    private final String pemLabel;

    Label(String pemLabel) {
      this.pemLabel = pemLabel;
    }

    /** The text between {@code -----BEGIN } and {@code -----}. */
    public String pemLabel() {
      return pemLabel;
    }

    static Optional<Label> fromPem(String pemLabel) {
      return Arrays.stream(values()).filter(l -> l.pemLabel.equals(pemLabel)).findFirst();
    }
  }

  private static final int BOX_KEY_BYTES = 32;

  private CosignKeyFile() {}

  /** Encrypts with the {@link Label#SIGSTORE} label and a fresh salt and nonce. */
  public static byte[] encrypt(PrivateKeyHandle key, char[] password) {
    return encrypt(key, password, Label.SIGSTORE, new SecureRandom());
  }

  /** Encrypts with the given label and a fresh salt and nonce. */
  public static byte[] encrypt(PrivateKeyHandle key, char[] password, Label label) {
    return encrypt(key, password, label, new SecureRandom());
  }

  /**
   * Encrypts {@code key} under {@code password}, taking salt and nonce from {@code random}.
   *
   * @return the PEM file content (ASCII, 64-column lines, trailing newline)
   */
  public static byte[] encrypt(
      PrivateKeyHandle key, char[] password, Label label, SecureRandom random) {
    return encrypt(key, password, label, ScryptParams.STANDARD, random);
  }

  static byte[] encrypt(
      PrivateKeyHandle key, char[] password, Label label, ScryptParams params,
      SecureRandom random) {
    byte[] salt = new byte[EncryptedKeyEnvelope.SALT_BYTES];
    byte[] nonce = new byte[SecretBox.NONCE_BYTES];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    byte[] boxKey = deriveKey(password, salt, params);
    byte[] plaintext = key.toPkcs8();
    try {
      byte[] box = SecretBox.seal(plaintext, nonce, boxKey);
      byte[] json = new EncryptedKeyEnvelope(params, salt, nonce, box).toJson();
      return Pem.encode(label.pemLabel(), json).getBytes(StandardCharsets.US_ASCII);
    } finally {
      Arrays.fill(boxKey, (byte) 0);
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * Decrypts an encrypted key file.
   *
   * @param pem the file content
   * @param password the password (may be empty)
   * @param source description of where the file came from, used in messages (e.g. {@code
   *     "cosign.key"})
   * @throws WrongPasswordException if the secretbox authenticator does not verify
   * @throws KeyFormatException if the file is not an encrypted cosign key, uses parameters outside
   *     the accepted sets, or the decrypted key is not PKCS#8 (SEC1 and PKCS#1 are refused)
   * @throws dev.signet.crypto.UnsupportedKeyException if the key type cannot be used for signing
   */
  public static PrivateKeyHandle decrypt(byte[] pem, char[] password, String source)
      throws CryptoException {
    String context = "decrypt " + source;
    Pem.Block block = block(pem, context);
    EncryptedKeyEnvelope envelope = EncryptedKeyEnvelope.parse(block.bytes(), context);
    byte[] boxKey = deriveKey(password, envelope.salt, envelope.params);
    byte[] plaintext;
    try {
      plaintext =
          SecretBox.open(envelope.ciphertext, envelope.nonce, boxKey)
              .orElseThrow(() -> new WrongPasswordException(source));
    } finally {
      Arrays.fill(boxKey, (byte) 0);
    }
    try {
      return parsePlaintext(plaintext, context);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * The label of an encrypted key file, without decrypting it (so that a re-encrypted copy can
   * keep the label).
   *
   * @throws KeyFormatException if {@code pem} is not an encrypted cosign key
   */
  public static Label label(byte[] pem, String source) throws KeyFormatException {
    return Label.fromPem(block(pem, "read " + source).label()).orElseThrow();
  }

  private static Pem.Block block(byte[] pem, String context) throws KeyFormatException {
    Pem.Block block =
        Pem.decodeFirst(pem)
            .orElseThrow(
                () ->
                    new KeyFormatException(
                        context + ": invalid pem block (expected an encrypted cosign key, "
                            + "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----)"));
    if (Label.fromPem(block.label()).isEmpty()) {
      throw new KeyFormatException(
          context + ": unsupported pem type: " + block.label() + " (expected "
              + Label.SIGSTORE.pemLabel() + " or " + Label.COSIGN.pemLabel()
              + "; unencrypted keys must be imported with import-key-pair first)");
    }
    return block;
  }

  private static PrivateKeyHandle parsePlaintext(byte[] der, String context)
      throws CryptoException {
    if (!PrivateKeyParser.isPkcs8(der)) {
      String detail = "x509: failed to parse private key";
      if (PrivateKeyParser.isSec1(der)) {
        detail += " (use ParseECPrivateKey instead for this key format): the encrypted key is"
            + " SEC1 (EC PRIVATE KEY), but cosign key files must hold PKCS#8";
      } else if (PrivateKeyParser.isPkcs1(der)) {
        detail += " (use ParsePKCS1PrivateKey instead for this key format): the encrypted key is"
            + " PKCS#1 (RSA PRIVATE KEY), but cosign key files must hold PKCS#8";
      }
      throw new KeyFormatException(context + ": parsing private key: " + detail);
    }
    return PrivateKeyParser.pkcs8(der, context, PrivateKeyParser.Strictness.LOAD);
  }

  private static byte[] deriveKey(char[] password, byte[] salt, ScryptParams params) {
    byte[] pw = Passwords.utf8(password);
    try {
      return Scrypt.derive(pw, salt, params.n(), ScryptParams.R, ScryptParams.P, BOX_KEY_BYTES);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }
}
