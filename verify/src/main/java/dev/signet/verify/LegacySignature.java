package dev.signet.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.cosign.SignatureAnnotations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cosign legacy signature (a {@code .sig} layer, or an {@code .att} layer whose payload is a DSSE
 * envelope and whose signature annotation is empty): the signed payload and the values of its annotations
 * {@code dev.cosignproject.cosign/signature} (decoded), {@code dev.sigstore.cosign/certificate},
 * {@code dev.sigstore.cosign/chain}, {@code dev.sigstore.cosign/bundle} (the Rekor SET bundle JSON)
 * and the DER token of {@code dev.sigstore.cosign/rfc3161timestamp}.
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
    Optional<byte[]> token = Optional.empty();
    String ts = annotations.get(SignatureAnnotations.RFC3161_TIMESTAMP);
    if (ts != null && !ts.isBlank()) {
      try {
        JsonNode node = new ObjectMapper().readTree(ts);
        token = Optional.of(Base64.getDecoder().decode(node.path("SignedRFC3161Timestamp").asText("")));
      } catch (IOException | IllegalArgumentException e) {
        throw new VerificationException(Check.FORMAT, "the " + SignatureAnnotations.RFC3161_TIMESTAMP
            + " annotation is not {\"SignedRFC3161Timestamp\":\"<base64>\"}");
      }
    }
    String bundle = annotations.get(SignatureAnnotations.BUNDLE);
    return new LegacySignature(payload, sig, Optional.ofNullable(annotations.get(SignatureAnnotations.CERTIFICATE)),
        Optional.ofNullable(annotations.get(SignatureAnnotations.CHAIN)),
        bundle == null || bundle.isBlank() ? Optional.empty() : Optional.of(bundle.getBytes(StandardCharsets.UTF_8)),
        token);
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
