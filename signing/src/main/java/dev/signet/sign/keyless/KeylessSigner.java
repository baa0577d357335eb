package dev.signet.sign.keyless;

import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;

/**
 * An ephemeral ECDSA P-256 key, made in memory and never written anywhere, with the certificate the CA
 * issued for it and the identity token's owner. One per command: every signature of the run uses it.
 */
public record KeylessSigner(Signer signer, SigningCertificate certificate, IdentityToken token) {

  /** Makes the key and asks {@code ca} for its certificate with {@code token}. */
  public static KeylessSigner obtain(FulcioClient ca, IdentityToken token) throws KeylessException {
    Signer signer = Signers.from(KeyGenerator.generateEcdsaP256());
    return new KeylessSigner(signer, ca.signingCert(token, signer), token);
  }

  /** How log entries name this signer: its certificate. */
  public LogVerifier logVerifier() throws KeylessException {
    return LogVerifier.ofCertificate(certificate, signer.algorithm());
  }
}
