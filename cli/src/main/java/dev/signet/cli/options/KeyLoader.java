package dev.signet.cli.options;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.Passwords;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.CosignKeyFile;
import dev.signet.crypto.keys.KeyReference;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the key named by a {@code --key} reference (a file path, relative to the working directory,
 * or {@code env://VAR}) for a command. Every failure becomes a one-line {@link CommandFailure} (exit
 * code 1) whose message names the key; the password is asked for only once the file is known to be
 * an encrypted cosign key.
 */
public final class KeyLoader {

  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ([\\x20-\\x7e]+?)-----");
  private static final String CERTIFICATE = "CERTIFICATE";

  private KeyLoader() {}

  /**
   * The private key of an encrypted cosign key file ({@code ENCRYPTED SIGSTORE PRIVATE KEY} or
   * {@code ENCRYPTED COSIGN PRIVATE KEY}), decrypted with the password from {@link Passwords}.
   */
  public static PrivateKeyHandle loadPrivateKey(String keyRef, CliContext ctx) {
    KeyReference ref = resolve(keyRef, ctx);
    byte[] bytes = ref.bytes();
    try {
      return decrypt(bytes, ref.source(), ctx);
    } catch (CryptoException e) {
      throw failure(keyRef, e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * A public key, as cosign's verifiers accept it: a {@code PUBLIC KEY} or {@code RSA PUBLIC KEY}
   * PEM, DER SubjectPublicKeyInfo, the public half of an encrypted cosign key file (after asking
   * for its password), or the subject key of an X.509 {@code CERTIFICATE} PEM.
   */
  public static PublicKey loadPublicKey(String keyRef, CliContext ctx) {
    KeyReference ref = resolve(keyRef, ctx);
    byte[] bytes = ref.bytes();
    try {
      String label = firstPemLabel(bytes);
      if (isEncryptedKeyLabel(label)) {
        return decrypt(bytes, ref.source(), ctx).publicKey();
      }
      if (CERTIFICATE.equals(label)) {
        return certificateKey(bytes, ref.source());
      }
      return PublicKeys.parse(bytes, ref.source());
    } catch (CryptoException e) {
      throw failure(keyRef, e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A signer for the key's default algorithm (the hash follows the key type; Ed25519 is pure). */
  public static Signer signer(String keyRef, CliContext ctx) {
    return Signers.from(loadPrivateKey(keyRef, ctx));
  }

  /** A signer with an explicit algorithm, e.g. {@link SignatureAlgorithm#ED25519PH} for Ed25519. */
  public static Signer signer(String keyRef, CliContext ctx, SignatureAlgorithm algorithm) {
    try {
      return Signers.from(loadPrivateKey(keyRef, ctx), algorithm);
    } catch (CryptoException e) {
      throw failure(keyRef, e);
    }
  }

  private static KeyReference resolve(String keyRef, CliContext ctx) {
    if (keyRef == null || keyRef.isBlank()) {
      throw new CommandFailure(ExitCodes.FAILURE, "no key given: pass --key with a key file or env://VAR");
    }
    try {
      return KeyReference.resolve(keyRef, ctx.env(), ctx.workingDirectory());
    } catch (CryptoException e) {
      throw failure(keyRef, e);
    }
  }

  private static PrivateKeyHandle decrypt(byte[] pem, String source, CliContext ctx)
      throws CryptoException {
    CosignKeyFile.label(pem, source); // not an encrypted key: fail before asking for a password
    char[] password = Passwords.read(ctx, false);
    try {
      return CosignKeyFile.decrypt(pem, password, source);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static PublicKey certificateKey(byte[] bytes, String source) throws CryptoException {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
    int end = text.indexOf("-----END CERTIFICATE-----", begin);
    if (end < 0) {
      throw new KeyFormatException("parse certificate " + source + ": invalid pem block");
    }
    byte[] block =
        text.substring(begin, end + "-----END CERTIFICATE-----".length())
            .getBytes(StandardCharsets.ISO_8859_1);
    try {
      PublicKey key =
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(block))
              .getPublicKey();
      return PublicKeys.parse(key.getEncoded(), source);
    } catch (CertificateException e) {
      throw new KeyFormatException("parse certificate " + source + ": " + e.getMessage(), e);
    }
  }

  private static String firstPemLabel(byte[] bytes) {
    Matcher m = PEM_BEGIN.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
    return m.find() ? m.group(1) : null;
  }

  private static boolean isEncryptedKeyLabel(String label) {
    for (CosignKeyFile.Label l : CosignKeyFile.Label.values()) {
      if (l.pemLabel().equals(label)) {
        return true;
      }
    }
    return false;
  }

  private static CommandFailure failure(String keyRef, CryptoException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (!message.contains(keyRef)) {
      message = "load key " + keyRef + ": " + message;
    }
    return new CommandFailure(ExitCodes.FAILURE, message, e);
  }
}
