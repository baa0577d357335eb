package dev.signet.crypto.keys;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.internal.Pem;
import java.util.Arrays;

/**
 * Reads unencrypted PEM private keys for {@code import-key-pair}, with cosign's rules and error
 * wording ({@code ImportKeyPair}):
 *
 * <ul>
 *   <li>{@code RSA PRIVATE KEY} (PKCS#1), {@code EC PRIVATE KEY} (SEC1) and {@code PRIVATE KEY}
 *       (PKCS#8 holding RSA, ECDSA or Ed25519) are accepted;
 *   <li>RSA keys must be 2048, 3072 or 4096 bits with exponent 65537 ("key size not supported:
 *       1024");
 *   <li>ECDSA keys must be on P-256, P-384 or P-521 ("ECDSA curve P-224 not allowed"); curves
 *       cosign cannot parse at all, such as secp256k1, give "error parsing ecdsa private key";
 *   <li>any other PEM block gives "unsupported private key"; input without a valid PEM block (for
 *       example a PGP key) gives "invalid pem block".
 * </ul>
 */
public final class PrivateKeyImport {

  private static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
  private static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
  private static final String PRIVATE_KEY = "PRIVATE KEY";

  private PrivateKeyImport() {}

  /**
   * Parses and validates the first PEM block of {@code pem}.
   *
   * @param source description of the input for messages (for example the file name)
   * @throws KeyFormatException if the input is not a PEM private key or cannot be parsed
   * @throws dev.signet.crypto.UnsupportedKeyException if the key type, curve or size is not
   *     allowed
   */
  public static PrivateKeyHandle importPem(byte[] pem, String source) throws CryptoException {
    String context = "import " + source;
    Pem.Block block =
        Pem.decodeFirst(pem)
            .orElseThrow(
                () ->
                    new KeyFormatException(
                        context + ": invalid pem block (expected an unencrypted PEM private key:"
                            + " RSA PRIVATE KEY, EC PRIVATE KEY or PRIVATE KEY)"));
    byte[] der = block.bytes();
    try {
      switch (block.label()) {
        case RSA_PRIVATE_KEY:
          return PrivateKeyParser.pkcs1(der, context, PrivateKeyParser.Strictness.IMPORT);
        case EC_PRIVATE_KEY:
          return PrivateKeyParser.sec1(der, context);
        case PRIVATE_KEY:
          return PrivateKeyParser.pkcs8(der, context, PrivateKeyParser.Strictness.IMPORT);
        default:
          throw new KeyFormatException(
              context + ": unsupported private key: PEM type " + block.label() + hint(block));
      }
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  private static String hint(Pem.Block block) {
    String label = block.label();
    if (label.equals("PUBLIC KEY") || label.equals("RSA PUBLIC KEY")) {
      return " is a public key; import-key-pair needs the private key";
    }
    if (CosignKeyFile.Label.fromPem(label).isPresent()) {
      return " is already an encrypted cosign key; use it directly";
    }
    if (label.equals("ENCRYPTED PRIVATE KEY")) {
      return " is password-protected PKCS#8; decrypt it first"
          + " (openssl pkcs8 -in KEY -out PLAIN.pem)";
    }
    return " (expected RSA PRIVATE KEY, EC PRIVATE KEY or PRIVATE KEY)";
  }
}
