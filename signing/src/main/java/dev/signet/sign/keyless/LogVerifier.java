package dev.signet.sign.keyless;

import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.keys.PublicKeys;
import java.security.PublicKey;

/**
 * How a log entry names its verifier: a certificate (keyless) or a public key (key mode), with the
 * key's Sigstore {@code PublicKeyDetails} name and the JCA name of its prehash.
 */
public record LogVerifier(String pem, byte[] der, boolean certificate, String keyDetails, String hashAlgorithm) {

  public LogVerifier {
    der = der.clone();
  }

  @Override
  public byte[] der() {
    return der.clone();
  }

  public static LogVerifier ofCertificate(SigningCertificate cert, SignatureAlgorithm algorithm)
      throws KeylessException {
    return new LogVerifier(cert.leafPem(), cert.leafDer(), true, details(algorithm, cert.leafKey()),
        algorithm.hashAlgorithm());
  }

  public static LogVerifier ofPublicKey(PublicKey key, SignatureAlgorithm algorithm) throws KeylessException {
    return new LogVerifier(PublicKeys.toPem(key), key.getEncoded(), false, details(algorithm, key),
        algorithm.hashAlgorithm());
  }

  private static String details(SignatureAlgorithm algorithm, PublicKey key) throws KeylessException {
    if (!algorithm.supportsPrehash()) {
      throw new KeylessException("a " + algorithm + " signature cannot be logged: transparency logs need a"
          + " prehashed signature algorithm");
    }
    try {
      return algorithm.sigstoreName(key);
    } catch (UnsupportedKeyException e) {
      throw new KeylessException("cannot log a signature of this key: " + e.getMessage(), e);
    }
  }
}
