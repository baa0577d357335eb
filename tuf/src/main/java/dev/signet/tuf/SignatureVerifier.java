package dev.signet.tuf;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** Verifies one TUF signature over canonical bytes with one {@link TufKey}. */
final class SignatureVerifier {
  private SignatureVerifier() {}

  /** True when {@code signature} is valid for {@code data} under {@code key}; never throws. */
  static boolean verify(TufKey key, byte[] signature, byte[] data) {
    if (key.publicKey().isEmpty() || signature.length == 0) {
      return false;
    }
    try {
      return switch (key.scheme()) {
        case "ecdsa-sha2-nistp256" -> check("SHA256withECDSA", null, key, signature, data);
        case "ed25519" -> check("Ed25519", null, key, signature, data);
        case "rsassa-pss-sha256" -> rsaPss(key, signature, data);
        default -> false;
      };
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /**
   * RSASSA-PSS with SHA-256 and MGF1-SHA-256. Signers use either the digest length (32) or the
   * maximum as salt length and verifiers are expected to accept both, so both are tried.
   */
  private static boolean rsaPss(TufKey key, byte[] signature, byte[] data) throws GeneralSecurityException {
    int emLen = (((RSAPublicKey) key.publicKey().orElseThrow()).getModulus().bitLength() - 1 + 7) / 8;
    for (int salt : new int[] {32, emLen - 32 - 2}) {
      PSSParameterSpec spec = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1);
      if (check("RSASSA-PSS", spec, key, signature, data)) {
        return true;
      }
    }
    return false;
  }

  private static boolean check(String algorithm, PSSParameterSpec spec, TufKey key, byte[] signature, byte[] data)
      throws GeneralSecurityException {
    Signature s = Signature.getInstance(algorithm);
    if (spec != null) {
      s.setParameter(spec);
    }
    s.initVerify(key.publicKey().orElseThrow());
    s.update(data);
    try {
      return s.verify(signature);
    } catch (java.security.SignatureException e) {
      return false;
    }
  }
}
