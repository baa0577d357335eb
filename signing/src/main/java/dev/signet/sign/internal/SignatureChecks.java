package dev.signet.sign.internal;

import dev.signet.cosign.SignatureAnnotations;
import dev.signet.oci.Descriptor;
import dev.signet.verify.Artifact;
import dev.signet.verify.LegacySignature;
import dev.signet.verify.SigstoreVerifier;
import dev.signet.verify.VerificationException;
import dev.signet.verify.VerificationPolicy;
import dev.signet.verify.root.TrustedRoot;
import java.security.PublicKey;
import java.util.Base64;

/** Small signature predicates shared by signing and verification. */
public final class SignatureChecks {
  private static final SigstoreVerifier KEY_ONLY = new SigstoreVerifier(TrustedRoot.empty());

  private SignatureChecks() {}

  /**
   * True when the layer's {@code dev.cosignproject.cosign/signature} verifies over {@code payload} with
   * {@code key} (the engine's key-mode check, no log, no claims): the signer's own earlier signature.
   */
  public static boolean signatureVerifies(Descriptor layer, byte[] payload, PublicKey key) {
    String b64 = layer.annotationsOrEmpty().get(SignatureAnnotations.SIGNATURE);
    if (b64 == null || b64.isEmpty()) {
      return false;
    }
    try {
      byte[] sig = Base64.getDecoder().decode(b64.trim());
      KEY_ONLY.verify(LegacySignature.of(payload, sig), Artifact.of(payload),
          VerificationPolicy.forKey(key).ignoringTlog().withoutClaimCheck());
      return true;
    } catch (IllegalArgumentException | VerificationException e) {
      return false;
    }
  }
}
