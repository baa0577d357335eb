package dev.signet.sigstore.ca.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.sigstore.ca.CaException;
import dev.signet.sigstore.ca.CertificateRequest;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads Fulcio's {@code CreateSigningCertificateRequest} protojson (lowerCamelCase or the proto's
 * snake_case names; {@code bytes} fields as standard or URL-safe base64).
 */
final class SigningCertRequests {
  private SigningCertRequests() {}

  /** The token from {@code credentials.oidcIdentityToken}, else from {@code Authorization: Bearer}. */
  static String token(JsonNode body, String authorization) {
    String t = Exchange.text(field(field(body, "credentials"), "oidcIdentityToken", "oidc_identity_token"));
    if ((t == null || t.isBlank()) && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      t = authorization.substring(7).trim();
    }
    return t;
  }

  static CertificateRequest request(JsonNode body) throws CaException {
    JsonNode pkr = field(body, "publicKeyRequest", "public_key_request");
    String csr = Exchange.text(field(body, "certificateSigningRequest", "certificate_signing_request"));
    if (pkr != null && csr != null) {
      throw CaException.invalid("give either publicKeyRequest or certificateSigningRequest, not both");
    }
    if (csr != null) {
      return new CertificateRequest.CsrRequest(csr);
    }
    if (pkr == null || !pkr.isObject()) {
      throw CaException.invalid("request has neither publicKeyRequest nor certificateSigningRequest");
    }
    JsonNode key = field(pkr, "publicKey", "public_key");
    String content = Exchange.text(field(key, "content"));
    if (content == null || content.isBlank()) {
      throw CaException.invalid("publicKeyRequest.publicKey.content is missing");
    }
    String proof = Exchange.text(field(pkr, "proofOfPossession", "proof_of_possession"));
    return new CertificateRequest.PublicKeyRequest(content, proof == null ? new byte[0] : bytes(proof,
        "publicKeyRequest.proofOfPossession"));
  }

  /** Fulcio's legacy v1 {@code CertificateRequest}: {@code publicKey.content} + {@code signedEmailAddress}, or a CSR. */
  static CertificateRequest legacyRequest(JsonNode body) throws CaException {
    String csr = Exchange.text(field(body, "certificateSigningRequest", "certificate_signing_request"));
    JsonNode key = field(body, "publicKey", "public_key");
    if (csr != null && key != null) {
      throw CaException.invalid("give either publicKey or certificateSigningRequest, not both");
    }
    if (csr != null) {
      return new CertificateRequest.CsrRequest(csr);
    }
    String content = Exchange.text(field(key, "content"));
    if (content == null || content.isBlank()) {
      throw CaException.invalid("request has neither publicKey.content nor certificateSigningRequest");
    }
    String proof = Exchange.text(field(body, "signedEmailAddress", "signed_email_address"));
    return new CertificateRequest.PublicKeyRequest(content, proof == null ? new byte[0] : bytes(proof,
        "signedEmailAddress"));
  }

  private static byte[] bytes(String b64, String what) throws CaException {
    String s = b64.trim();
    try {
      return s.contains("-") || s.contains("_") ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw CaException.invalid(what + " is not base64: " + e.getMessage().toLowerCase(Locale.ROOT));
    }
  }

  private static JsonNode field(JsonNode n, String... names) {
    if (n == null || !n.isObject()) {
      return null;
    }
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }
}
