package dev.signet.sign.attest;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.Signer;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.sign.Pem;
import dev.signet.sign.SigningException;
import java.util.List;
import java.util.Optional;

/** Signs in-toto statements into DSSE envelopes and Sigstore bundles (no I/O). */
public final class Attestations {
  private Attestations() {}

  /** DSSE-signs {@code statement} (payload type {@code application/vnd.in-toto+json}) and wraps it in a bundle. */
  public static SignedAttestation sign(InTotoStatement statement, Signer signer, Optional<String> certificatePem)
      throws SigningException {
    byte[] body = statement.toJson();
    byte[] signature;
    try {
      signature = signer.sign(DsseEnvelope.pae(MediaTypes.IN_TOTO, body));
    } catch (CryptoException e) {
      throw new SigningException("sign attestation for " + subjectOf(statement) + ": " + e.getMessage(), e);
    }
    DsseEnvelope envelope = new DsseEnvelope(MediaTypes.IN_TOTO, body, List.of(new DsseEnvelope.Signature("", signature)));
    return new SignedAttestation(statement, envelope, SigstoreBundle.ofDsse(material(signer, certificatePem), envelope));
  }

  /**
   * The bundle's verification material: the leaf certificate when one is given, else the public-key
   * hint (std base64 of the SHA-256 of the PKIX public key), as cosign writes it.
   */
  public static VerificationMaterial material(Signer signer, Optional<String> certificatePem) throws SigningException {
    return certificatePem.isPresent()
        ? VerificationMaterial.certificate(Pem.firstCertificateDer(certificatePem.get()))
        : VerificationMaterial.publicKey(PublicKeys.hint(signer.publicKey()));
  }

  private static String subjectOf(InTotoStatement statement) {
    return statement.subjects().isEmpty() ? "(no subject)" : String.valueOf(statement.subjects().get(0).name());
  }
}
