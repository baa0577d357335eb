package dev.signet.sigstore.ca.oidc;

import java.util.Arrays;
import java.util.Locale;

/** How an issuer's tokens become certificate identities (Fulcio's {@code Type} in its identity config). */
public enum IssuerType {
  /** SAN = verified {@code email}; proof of possession over the email. */
  EMAIL("email"),
  /** GitHub Actions: SAN = workflow URI, workflow claims → .1.2–.1.6 and .1.9–.1.24. */
  GITHUB_ACTIONS("github-workflow"),
  /** GitLab CI: SAN = {@code https://} + {@code ci_config_ref_uri}, pipeline claims → .1.9–.1.22. */
  GITLAB("gitlab-pipeline"),
  /** SAN = the {@code sub} claim, a URI under the issuer's subject domain. */
  URI("uri"),
  /** SAN = OtherName {@code sub@subjectDomain}. */
  USERNAME("username"),
  /**
   * A Signet registry's own issuer: SAN = URI {@code <issuer>/accounts/<sub>} ({@code /robots/} for robots).
   * Signet's extension; Fulcio has no such type.
   */
  SIGNET_REGISTRY("signet-registry");

  private final String fulcioName;

  IssuerType(String fulcioName) {
    this.fulcioName = fulcioName;
  }

  /** The name Fulcio's configuration uses ({@code issuerType} in {@code /api/v2/configuration}). */
  public String fulcioName() {
    return fulcioName;
  }

  /**
   * Parses Fulcio's name or Signet's ({@code email}, {@code github-actions}, {@code gitlab}, {@code uri},
   * {@code username}).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static IssuerType parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "github-actions", "github" -> {
        return GITHUB_ACTIONS;
      }
      case "gitlab" -> {
        return GITLAB;
      }
      default -> {
        return Arrays.stream(values()).filter(t -> t.fulcioName.equals(n)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown OIDC issuer type '" + name
                + "' (expected email, github-actions, gitlab, uri, username or signet-registry)"));
      }
    }
  }
}
