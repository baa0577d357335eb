package dev.signet.registry.server.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;

/**
 * How the registry authenticates.
 *
 * @param adminPassword the password of the first system administrator, {@code admin}, created when there
 *     are no users yet; also turns authentication on. Null for none.
 * @param publicUrl the URL clients reach the registry at (for the token realm); null: the request's own
 * @param tokenTtl how long access tokens live (default 5 minutes)
 * @param service the token audience and the challenge's {@code service} (default {@code signet})
 */
public record AuthSettings(char[] adminPassword, URI publicUrl, Duration tokenTtl, String service) {
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofMinutes(5);
  public static final String DEFAULT_SERVICE = "signet";

  public AuthSettings {
    tokenTtl = tokenTtl == null ? DEFAULT_TOKEN_TTL : tokenTtl;
    service = service == null ? DEFAULT_SERVICE : service;
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("the token lifetime must be positive");
    }
    adminPassword = adminPassword == null ? null : adminPassword.clone();
  }

  public static AuthSettings defaults() {
    return new AuthSettings(null, null, null, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthSettings a && Arrays.equals(adminPassword, a.adminPassword)
        && java.util.Objects.equals(publicUrl, a.publicUrl) && tokenTtl.equals(a.tokenTtl) && service.equals(a.service);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(publicUrl, tokenTtl, service);
  }

  @Override
  public String toString() {
    return "AuthSettings[adminPassword=" + (adminPassword == null ? "none" : "****") + ", publicUrl=" + publicUrl
        + ", tokenTtl=" + tokenTtl + ", service=" + service + "]";
  }
}
