package dev.signet.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.cosign.SignatureAnnotations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The verification annotations cosign puts on both legacy layer kinds ({@code .sig} and {@code .att}):
 * certificate, chain, Rekor bundle and RFC 3161 timestamp. Blank values count as absent.
 */
record CosignAnnotations(Optional<String> certificatePem, Optional<String> chainPem, Optional<byte[]> rekorBundleJson,
    Optional<byte[]> rfc3161Token) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @throws VerificationException (FORMAT) when the timestamp annotation is not cosign's JSON */
  static CosignAnnotations of(Map<String, String> annotations) throws VerificationException {
    return new CosignAnnotations(present(annotations, SignatureAnnotations.CERTIFICATE),
        present(annotations, SignatureAnnotations.CHAIN),
        present(annotations, SignatureAnnotations.BUNDLE).map(b -> b.getBytes(StandardCharsets.UTF_8)),
        timestamp(annotations.get(SignatureAnnotations.RFC3161_TIMESTAMP)));
  }

  /** {@code {"SignedRFC3161Timestamp":"<base64 DER>"}} as the DER token. */
  private static Optional<byte[]> timestamp(String ts) throws VerificationException {
    if (ts == null || ts.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(ts);
      return Optional.of(Base64.getDecoder().decode(node.path("SignedRFC3161Timestamp").asText("")));
    } catch (IOException | IllegalArgumentException e) {
      throw new VerificationException(Check.FORMAT, "the " + SignatureAnnotations.RFC3161_TIMESTAMP
          + " annotation is not {\"SignedRFC3161Timestamp\":\"<base64>\"}");
    }
  }

  private static Optional<String> present(Map<String, String> annotations, String name) {
    return Optional.ofNullable(annotations.get(name)).filter(s -> !s.isBlank());
  }
}
