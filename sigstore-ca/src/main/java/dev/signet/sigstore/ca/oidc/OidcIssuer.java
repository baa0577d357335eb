package dev.signet.sigstore.ca.oidc;

import java.net.URI;
import java.util.Objects;

/**
 * A configured OIDC issuer whose ID tokens the CA accepts.
 *
 * @param issuerUrl the exact {@code iss} value; discovery is at {@code issuerUrl + "/.well-known/openid-configuration"}
 * @param audience the required {@code aud} (Fulcio's client ID; {@link #DEFAULT_AUDIENCE} by default)
 * @param type how claims map to the certificate identity
 * @param subjectDomain for {@link IssuerType#URI}: the scheme and host every {@code sub} must have; for
 *     {@link IssuerType#USERNAME}: the domain appended as {@code sub@domain}; empty otherwise
 */
public record OidcIssuer(String issuerUrl, String audience, IssuerType type, String subjectDomain) {
  public static final String DEFAULT_AUDIENCE = "sigstore";

  public OidcIssuer {
    Objects.requireNonNull(issuerUrl, "issuerUrl");
    URI u = URI.create(issuerUrl);
    if (u.getScheme() == null || u.getHost() == null) {
      throw new IllegalArgumentException("OIDC issuer URL '" + issuerUrl + "' must be an absolute http(s) URL");
    }
    audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience;
    Objects.requireNonNull(type, "type");
    subjectDomain = subjectDomain == null ? "" : subjectDomain;
    if ((type == IssuerType.URI || type == IssuerType.USERNAME) && subjectDomain.isEmpty()) {
      throw new IllegalArgumentException("OIDC issuer " + issuerUrl + " of type " + type.fulcioName()
          + " needs a subject domain");
    }
  }

  /** An issuer with the default audience and no subject domain. */
  public static OidcIssuer of(String issuerUrl, IssuerType type) {
    return new OidcIssuer(issuerUrl, DEFAULT_AUDIENCE, type, "");
  }
}
