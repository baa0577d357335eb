package dev.signet.registry.server.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.PayloadFormatException;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A cosign legacy {@code .att} layer (a DSSE envelope with the certificate, chain, Rekor bundle and RFC
 * 3161 annotations of a {@code .sig} layer) as the equivalent v0.1 Sigstore bundle, which the engine
 * verifies: the chain as {@code x509CertificateChain}, the Rekor bundle's SET as an
 * {@code inclusionPromise} (v0.1 needs no inclusion proof, as cosign's legacy format has none).
 * The engine has no legacy-DSSE input of its own; this only moves fields, it checks nothing.
 */
final class LegacyAttestation {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LegacyAttestation() {}

  /** @throws IllegalArgumentException (message naming the check: format) when a part does not parse */
  static SigstoreBundle toBundle(byte[] envelopeJson, Map<String, String> annotations) {
    DsseEnvelope env;
    try {
      env = DsseEnvelope.parse(envelopeJson);
    } catch (PayloadFormatException e) {
      throw new IllegalArgumentException("format: the DSSE envelope does not parse: " + e.getMessage(), e);
    }
    VerificationMaterial vm = VerificationMaterial.publicKey("");
    String cert = annotations.get(SignatureAnnotations.CERTIFICATE);
    if (cert != null && !cert.isBlank()) {
      List<byte[]> ders = new ArrayList<>();
      try {
        for (X509Certificate c : TrustAnchor.certificates(cert)) {
          ders.add(c.getEncoded());
        }
        String chain = annotations.get(SignatureAnnotations.CHAIN);
        if (chain != null && !chain.isBlank()) {
          for (X509Certificate c : TrustAnchor.certificates(chain)) {
            ders.add(c.getEncoded());
          }
        }
      } catch (CertificateEncodingException | IllegalArgumentException e) {
        throw new IllegalArgumentException("format: the certificate annotations do not parse: " + e.getMessage(), e);
      }
      if (ders.isEmpty()) {
        throw new IllegalArgumentException("format: the certificate annotation holds no PEM certificate");
      }
      vm = VerificationMaterial.certificateChain(ders);
    }
    String rekor = annotations.get(SignatureAnnotations.BUNDLE);
    if (rekor != null && !rekor.isBlank()) {
      vm = vm.withTlogEntries(List.of(tlogEntry(rekor)));
    }
    String ts = annotations.get(SignatureAnnotations.RFC3161_TIMESTAMP);
    if (ts != null && !ts.isBlank()) {
      vm = vm.withTimestampVerificationData(timestamps(ts));
    }
    return new SigstoreBundle(SigstoreBundle.MEDIA_TYPE_V01, vm, env, null);
  }

  /** cosign's {@code {"SignedEntryTimestamp", "Payload": {body, integratedTime, logIndex, logID}}} as a bundle entry. */
  private static JsonNode tlogEntry(String rekorBundle) {
    try {
      JsonNode root = JSON.readTree(rekorBundle);
      JsonNode payload = root.path("Payload");
      byte[] body = Base64.getDecoder().decode(payload.path("body").asText(""));
      JsonNode parsed = JSON.readTree(body);
      ObjectNode e = JSON.createObjectNode();
      e.put("logIndex", Long.toString(payload.path("logIndex").asLong()));
      e.putObject("logId").put("keyId", Base64.getEncoder().encodeToString(
          HexFormat.of().parseHex(payload.path("logID").asText(""))));
      e.putObject("kindVersion").put("kind", parsed.path("kind").asText("")).put("version",
          parsed.path("apiVersion").asText(""));
      e.put("integratedTime", Long.toString(payload.path("integratedTime").asLong()));
      e.putObject("inclusionPromise").put("signedEntryTimestamp", root.path("SignedEntryTimestamp").asText(""));
      e.put("canonicalizedBody", Base64.getEncoder().encodeToString(body));
      return e;
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("format: the " + SignatureAnnotations.BUNDLE + " annotation is not a Rekor "
          + "bundle: " + e.getMessage(), e);
    }
  }

  private static JsonNode timestamps(String annotation) {
    try {
      String token = JSON.readTree(annotation).path("SignedRFC3161Timestamp").asText("");
      ObjectNode data = JSON.createObjectNode();
      data.putArray("rfc3161Timestamps").addObject().put("signedTimestamp", token);
      return data;
    } catch (IOException e) {
      throw new IllegalArgumentException("format: the " + SignatureAnnotations.RFC3161_TIMESTAMP
          + " annotation is not JSON", e);
    }
  }
}
