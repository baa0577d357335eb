package dev.signet.sigstore.ca;

/** What a {@code signingCert} request asks a certificate for: a key with a signed challenge, or a CSR. */
public sealed interface CertificateRequest {

  /** Fulcio's {@code publicKeyRequest}: the key (PEM or base64 DER) and a signature over the identity's challenge. */
  record PublicKeyRequest(String publicKey, byte[] proofOfPossession) implements CertificateRequest {
    public PublicKeyRequest {
      proofOfPossession = proofOfPossession == null ? new byte[0] : proofOfPossession.clone();
    }

    @Override
    public byte[] proofOfPossession() {
      return proofOfPossession.clone();
    }
  }

  /** Fulcio's {@code certificateSigningRequest}: a PKCS#10 CSR (PEM, or base64 of PEM or DER). */
  record CsrRequest(String csr) implements CertificateRequest {}
}
