package dev.signet.sign.internal;

import dev.signet.cosign.SignatureAnnotations;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.Verifier;
import dev.signet.crypto.Verifiers;
import dev.signet.oci.Descriptor;
import java.security.PublicKey;
import java.util.Base64;

/** Small signature predicates shared by signing and verification. */
public final class SignatureChecks {
  private SignatureChecks() {}

  /** True when the layer's {@code dev.cosignproject.cosign/signature} verifies over {@code payload}. */
  public static boolean signatureVerifies(Descriptor layer, byte[] payload, PublicKey key) {
    String b64 = layer.annotationsOrEmpty().get(SignatureAnnotations.SIGNATURE);
    if (b64 == null || b64.isEmpty()) {
      return false;
    }
    try {
      byte[] sig = Base64.getDecoder().decode(b64.trim());
      verify(key, payload, sig);
      return true;
    } catch (IllegalArgumentException | SignatureVerificationException | UnsupportedKeyException e) {
      return false;
    }
  }

  /**
   * Verifies with the key's natural algorithm; Ed25519 keys also accept Ed25519ph, which cosign uses
   * for image signatures.
   */
  public static void verify(PublicKey key, byte[] data, byte[] signature)
      throws SignatureVerificationException, UnsupportedKeyException {
    Verifier verifier = Verifiers.from(key);
    try {
      verifier.verify(data, signature);
    } catch (SignatureVerificationException e) {
      if (verifier.algorithm() != SignatureAlgorithm.ED25519) {
        throw e;
      }
      Verifiers.from(key, SignatureAlgorithm.ED25519PH).verify(data, signature);
    }
  }
}
