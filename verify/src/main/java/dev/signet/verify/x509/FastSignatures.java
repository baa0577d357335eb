package dev.signet.verify.x509;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.VerifierCache;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * Signature checks of certificates and SCTs through Signet's verifiers, reused per key from a
 * {@link VerifierCache} (CA and CT-log keys recur across every keyless signature), falling back to the
 * JCA for algorithms Signet's crypto does not implement.
 */
final class FastSignatures {
  private FastSignatures() {}

  /** True when {@code child}'s signature verifies with {@code issuer}'s key. */
  static boolean certificateSignedBy(X509Certificate child, X509Certificate issuer, VerifierCache cache) {
    PublicKey key = issuer.getPublicKey();
    SignatureAlgorithm alg = forJcaName(child.getSigAlgName(), key);
    if (alg != null) {
      try {
        cache.get(key, alg).verify(child.getTBSCertificate(), child.getSignature());
        return true;
      } catch (SignatureVerificationException | UnsupportedKeyException | GeneralSecurityException
          | RuntimeException e) {
        return false;
      }
    }
    try {
      child.verify(key);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** True when {@code signature} over {@code data} verifies with {@code key} under the JCA {@code algorithm}. */
  static boolean verifies(String algorithm, PublicKey key, byte[] data, byte[] signature, VerifierCache cache) {
    SignatureAlgorithm alg = forJcaName(algorithm, key);
    try {
      if (alg != null) {
        cache.get(key, alg).verify(data, signature);
        return true;
      }
      Signature s = Signature.getInstance(algorithm);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (SignatureVerificationException | UnsupportedKeyException | GeneralSecurityException
        | RuntimeException e) {
      return false;
    }
  }

  /** Signet's algorithm for a JCA name, if it is the key's own (ECDSA curve and hash as Signet pairs them). */
  private static SignatureAlgorithm forJcaName(String jcaName, PublicKey key) {
    SignatureAlgorithm natural;
    try {
      natural = SignatureAlgorithm.forKey(key);
    } catch (UnsupportedKeyException e) {
      return null;
    }
    return switch (natural) {
      case ECDSA_P256_SHA256, ECDSA_P384_SHA384, ECDSA_P521_SHA512, RSA_PKCS1_SHA256 ->
          natural.jcaName().equalsIgnoreCase(jcaName) ? natural : null;
      default -> null;
    };
  }
}
