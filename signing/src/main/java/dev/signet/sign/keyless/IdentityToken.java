package dev.signet.sign.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An OIDC ID token (a JWT) as a keyless signer sees it: the raw token (sent to the CA, which verifies it)
 * and the claims the signer needs. The signature is not checked here; that is the CA's job.
 */
public record IdentityToken(String raw, String issuer, String subject, Optional<String> email, List<String> audience,
    Optional<Instant> expiry) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public IdentityToken {
    audience = List.copyOf(audience);
  }

  /** Parses {@code raw} (three dot-separated base64url parts); refuses anything that is not a JWT with iss and sub. */
  public static IdentityToken parse(String raw) throws KeylessException {
    String token = raw == null ? "" : raw.strip();
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      throw new KeylessException("the identity token is not a JWT (expected header.payload.signature)");
    }
    JsonNode claims;
    try {
      claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IllegalArgumentException | IOException e) {
      throw new KeylessException("the identity token's payload is not base64url JSON", e);
    }
    if (claims == null || !claims.isObject()) {
      throw new KeylessException("the identity token's payload is not a JSON object");
    }
    String iss = claims.path("iss").asText("");
    String sub = claims.path("sub").asText("");
    if (iss.isEmpty() || sub.isEmpty()) {
      throw new KeylessException("the identity token has no " + (iss.isEmpty() ? "iss" : "sub") + " claim");
    }
    Optional<String> email = Optional.empty();
    if (claims.path("email").isTextual() && !claims.path("email").asText().isEmpty()) {
      JsonNode verified = claims.get("email_verified");
      if (verified != null && !verified.asBoolean(false) && !"true".equals(verified.asText())) {
        throw new KeylessException("the identity token's email " + claims.path("email").asText()
            + " is not verified (email_verified is false)");
      }
      email = Optional.of(claims.path("email").asText());
    }
    List<String> aud = new ArrayList<>();
    JsonNode a = claims.path("aud");
    if (a.isArray()) {
      a.forEach(x -> aud.add(x.asText()));
    } else if (a.isTextual()) {
      aud.add(a.asText());
    }
    Optional<Instant> exp = claims.path("exp").isNumber()
        ? Optional.of(Instant.ofEpochSecond(claims.path("exp").asLong())) : Optional.empty();
    return new IdentityToken(token, iss, sub, email, aud, exp);
  }

  /**
   * What the proof of possession signs: the email when the token has one, else the subject (as cosign's
   * and sigstore-js's clients do, and Fulcio checks for email and subject principals).
   */
  public String challenge() {
    return email.orElse(subject);
  }

  @Override
  public String toString() {
    return "IdentityToken[iss=" + issuer + ", sub=" + subject + "]"; // never the raw token
  }
}
