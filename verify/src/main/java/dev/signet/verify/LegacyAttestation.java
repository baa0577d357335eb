package dev.signet.verify;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cosign legacy attestation (an {@code .att} layer, cosign {@code attest} without the new bundle
 * format): the layer's payload is a DSSE envelope that carries the signature, and the layer has the
 * verification annotations of a {@code .sig} layer ({@code dev.sigstore.cosign/certificate},
 * {@code dev.sigstore.cosign/chain}, {@code dev.sigstore.cosign/bundle} with a dsse or intoto entry and
 * its SET, {@code dev.sigstore.cosign/rfc3161timestamp}); the signature annotation is empty. As for a
 * {@link LegacySignature}, log entries need no inclusion proof (cosign's legacy format has none).
 *
 * @param envelope the DSSE envelope JSON as stored (log entries record its hash)
 */
public record LegacyAttestation(
    byte[] envelope, Optional<String> certificatePem, Optional<String> chainPem, Optional<byte[]> rekorBundleJson,
    Optional<byte[]> rfc3161Token) {

  public LegacyAttestation {
    envelope = Objects.requireNonNull(envelope, "envelope").clone();
    certificatePem = certificatePem == null ? Optional.empty() : certificatePem.filter(s -> !s.isBlank());
    chainPem = chainPem == null ? Optional.empty() : chainPem.filter(s -> !s.isBlank());
    rekorBundleJson = rekorBundleJson == null ? Optional.empty() : rekorBundleJson.map(byte[]::clone);
    rfc3161Token = rfc3161Token == null ? Optional.empty() : rfc3161Token.map(byte[]::clone);
  }

  /** A key-signed envelope without certificate, log entry or timestamp. */
  public static LegacyAttestation of(byte[] envelope) {
    return new LegacyAttestation(envelope, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Reads an {@code .att} layer: its envelope blob and annotations (the signature annotation, empty in
   * cosign's layers, is not read).
   *
   * @throws VerificationException (FORMAT) naming the bad annotation
   */
  public static LegacyAttestation fromAnnotations(byte[] envelope, Map<String, String> annotations)
      throws VerificationException {
    CosignAnnotations a = CosignAnnotations.of(annotations);
    return new LegacyAttestation(envelope, a.certificatePem(), a.chainPem(), a.rekorBundleJson(), a.rfc3161Token());
  }

  @Override
  public byte[] envelope() {
    return envelope.clone();
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
