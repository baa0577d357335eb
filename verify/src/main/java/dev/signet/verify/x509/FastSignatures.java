package dev.signet.verify.x509;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.VerifierCache;
import dev.signet.verify.internal.Digests;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;

/**
 * Signature checks of certificates and SCTs through Signet's verifiers, reused per key from a
 * {@link VerifierCache} (CA and CT-log keys recur across every keyless signature), falling back to the
 * JCA for algorithms Signet's crypto does not implement. ECDSA with a hash other than the curve's
 * natural one (the sigstore-js mock CA signs with a P-256 key and SHA-384) goes through the same
 * verifier: the digest is truncated to, or zero-extended to, the curve order's length, which is exactly
 * SEC 1's {@code e} (P-256 and P-384 orders are whole bytes).
 */
public final class FastSignatures {
  private FastSignatures() {}

  /** True when {@code child}'s signature verifies with {@code issuer}'s key. */
  static boolean certificateSignedBy(X509Certificate child, X509Certificate issuer, VerifierCache cache) {
    PublicKey key = issuer.getPublicKey();
    try {
      Boolean fast = verifyFast(child.getSigAlgName(), key, child.getTBSCertificate(), child.getSignature(), cache);
      if (fast != null) {
        return fast;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
    try {
      child.verify(key);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** True when {@code signature} over {@code data} verifies with {@code key} under the JCA {@code algorithm}. */
  public static boolean verifies(String algorithm, PublicKey key, byte[] data, byte[] signature, VerifierCache cache) {
    try {
      Boolean fast = verifyFast(algorithm, key, data, signature, cache);
      if (fast != null) {
        return fast;
      }
      Signature s = Signature.getInstance(algorithm);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** The result through Signet's verifiers, or null when the algorithm is not one of theirs for this key. */
  private static Boolean verifyFast(String jcaName, PublicKey key, byte[] data, byte[] signature, VerifierCache cache) {
    SignatureAlgorithm natural;
    try {
      natural = SignatureAlgorithm.forKey(key);
    } catch (UnsupportedKeyException e) {
      return null;
    }
    try {
      switch (natural) {
        case ECDSA_P256_SHA256, ECDSA_P384_SHA384, ECDSA_P521_SHA512, RSA_PKCS1_SHA256 -> {
          if (natural.jcaName().equalsIgnoreCase(jcaName)) {
            cache.get(key, natural).verify(data, signature);
            return true;
          }
          String hash = ecdsaHash(jcaName);
          int orderBytes = natural == SignatureAlgorithm.ECDSA_P256_SHA256 ? 32
              : natural == SignatureAlgorithm.ECDSA_P384_SHA384 ? 48 : 0;
          if (hash == null || orderBytes == 0) {
            return null;
          }
          cache.get(key, natural).verifyDigest(Arrays.copyOfRange(leftPadded(Digests.digest(hash, data), orderBytes),
              0, orderBytes), signature);
          return true;
        }
        default -> {
          return null;
        }
      }
    } catch (SignatureVerificationException | UnsupportedKeyException e) {
      return false;
    }
  }

  /** {@code SHA-256}/{@code SHA-384}/{@code SHA-512} for {@code SHA<n>withECDSA}, else null. */
  private static String ecdsaHash(String jcaName) {
    return switch (jcaName.toUpperCase(Locale.ROOT)) {
      case "SHA256WITHECDSA" -> "SHA-256";
      case "SHA384WITHECDSA" -> "SHA-384";
      case "SHA512WITHECDSA" -> "SHA-512";
      default -> null;
    };
  }

  /** {@code digest} with leading zero bytes up to {@code length} (a shorter hash's integer is unchanged). */
  private static byte[] leftPadded(byte[] digest, int length) {
    if (digest.length >= length) {
      return digest;
    }
    byte[] out = new byte[length];
    System.arraycopy(digest, 0, out, length - digest.length, digest.length);
    return out;
  }
}
