package dev.signet.verify;

import dev.signet.cosign.SignatureAnnotations;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cosign legacy signature (a {@code .sig} layer): the signed payload and the values of its annotations
 * {@code dev.cosignproject.cosign/signature} (decoded), {@code dev.sigstore.cosign/certificate},
 * {@code dev.sigstore.cosign/chain}, {@code dev.sigstore.cosign/bundle} (the Rekor SET bundle JSON)
 * and the DER token of {@code dev.sigstore.cosign/rfc3161timestamp}. An {@code .att} layer is a
 * {@link LegacyAttestation}; for compatibility, a signature with an empty signature annotation is
 * read as one (its payload must then be a DSSE envelope).
 */
public record LegacySignature(
    byte[] payload, byte[] signature, Optional<String> certificatePem, Optional<String> chainPem,
    Optional<byte[]> rekorBundleJson, Optional<byte[]> rfc3161Token) {

  public LegacySignature {
    payload = Objects.requireNonNull(payload, "payload").clone();
    signature = Objects.requireNonNull(signature, "signature").clone();
    certificatePem = certificatePem == null ? Optional.empty() : certificatePem.filter(s -> !s.isBlank());
    chainPem = chainPem == null ? Optional.empty() : chainPem.filter(s -> !s.isBlank());
    rekorBundleJson = rekorBundleJson == null ? Optional.empty() : rekorBundleJson.map(byte[]::clone);
    rfc3161Token = rfc3161Token == null ? Optional.empty() : rfc3161Token.map(byte[]::clone);
  }

  /** A key-signed payload without certificate, log entry or timestamp. */
  public static LegacySignature of(byte[] payload, byte[] signature) {
    return new LegacySignature(payload, signature, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /**
   * Reads a {@code .sig} layer's annotations: the base64 signature, certificate and chain PEM, Rekor
   * bundle JSON and {@code {"SignedRFC3161Timestamp":"<base64 DER>"}}.
   *
   * @throws VerificationException (FORMAT) naming the bad annotation
   */
  public static LegacySignature fromAnnotations(byte[] payload, Map<String, String> annotations)
      throws VerificationException {
    String b64 = annotations.get(SignatureAnnotations.SIGNATURE);
    if (b64 == null) {
      throw new VerificationException(Check.FORMAT, "the layer has no " + SignatureAnnotations.SIGNATURE
          + " annotation");
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(b64.trim()); // "" for attestations: the payload is a DSSE envelope
    } catch (IllegalArgumentException e) {
      throw new VerificationException(Check.FORMAT, "the " + SignatureAnnotations.SIGNATURE
          + " annotation is not valid base64");
    }
    CosignAnnotations a = CosignAnnotations.of(annotations);
    return new LegacySignature(payload, sig, a.certificatePem(), a.chainPem(), a.rekorBundleJson(), a.rfc3161Token());
  }

  /** This layer as an {@code .att} layer: the payload is the DSSE envelope. */
  public LegacyAttestation asAttestation() {
    return new LegacyAttestation(payload, certificatePem, chainPem, rekorBundleJson, rfc3161Token);
  }

  public LegacySignature withCertificate(String certificatePem, String chainPem) {
    return new LegacySignature(payload, signature, Optional.ofNullable(certificatePem), Optional.ofNullable(chainPem),
        rekorBundleJson, rfc3161Token);
  }

  public LegacySignature withRekorBundle(byte[] json) {
    return new LegacySignature(payload, signature, certificatePem, chainPem, Optional.ofNullable(json), rfc3161Token);
  }

  public LegacySignature withRfc3161Token(byte[] der) {
    return new LegacySignature(payload, signature, certificatePem, chainPem, rekorBundleJson, Optional.ofNullable(der));
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public Optional<byte[]> rekorBundleJson() {
    return rekorBundleJson.map(byte[]::clone);
  }

  @Override
  public Optional<byte[]> rfc3161Token() {
    return rfc3161Token.map(byte[]::clone);
  }
}
