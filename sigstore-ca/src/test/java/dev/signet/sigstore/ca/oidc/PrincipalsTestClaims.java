package dev.signet.sigstore.ca.oidc;

import java.util.Map;

/** Shared GitHub Actions claims for tests outside this package. */
public final class PrincipalsTestClaims {
  private PrincipalsTestClaims() {}

  public static Map<String, Object> github() {
    return PrincipalsTest.githubClaims();
  }
}
