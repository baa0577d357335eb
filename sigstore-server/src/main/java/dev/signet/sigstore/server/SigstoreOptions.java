package dev.signet.sigstore.server;

import dev.signet.sigstore.ca.oidc.OidcIssuer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open the Sigstore services of one instance.
 *
 * @param dataDir holds {@code ca/} (CA and CT log), {@code log/} (Rekor v1 and v2), {@code tsa/}, {@code tuf/}
 * @param baseUrl the URL clients reach the services at (no trailing slash); it goes into the trusted root and the
 *     signing config
 * @param password protects the CA and CT log keys at rest
 * @param issuers the OIDC issuers whose ID tokens the CA accepts
 * @param oidcUrl the issuer to name in the signing config's {@code oidcUrls} (the registry's own, when embedded)
 * @param organization the O= of generated CA and TSA names
 * @param integrationInterval how long the log waits to batch entries
 * @param clock the time everything is issued and checked at
 */
public record SigstoreOptions(Path dataDir, String baseUrl, char[] password, List<OidcIssuer> issuers,
    Optional<String> oidcUrl, String organization, Duration integrationInterval, Clock clock) {
  public SigstoreOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(baseUrl, "baseUrl");
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    password = password == null ? new char[0] : password.clone();
    issuers = List.copyOf(issuers);
    oidcUrl = oidcUrl == null ? Optional.empty() : oidcUrl;
    organization = organization == null || organization.isBlank() ? "signet" : organization;
    integrationInterval = integrationInterval == null ? Duration.ofMillis(20) : integrationInterval;
    Objects.requireNonNull(clock, "clock");
  }

  public static SigstoreOptions of(Path dataDir, String baseUrl, char[] password, List<OidcIssuer> issuers) {
    return new SigstoreOptions(dataDir, baseUrl, password, issuers, Optional.empty(), "signet", null,
        Clock.systemUTC());
  }

  public SigstoreOptions withBaseUrl(String url) {
    return new SigstoreOptions(dataDir, url, password, issuers, oidcUrl, organization, integrationInterval, clock);
  }

  public SigstoreOptions withIssuers(List<OidcIssuer> list, Optional<String> signingConfigOidcUrl) {
    return new SigstoreOptions(dataDir, baseUrl, password, list, signingConfigOidcUrl, organization,
        integrationInterval, clock);
  }

  public SigstoreOptions withClock(Clock c) {
    return new SigstoreOptions(dataDir, baseUrl, password, issuers, oidcUrl, organization, integrationInterval, c);
  }

  @Override
  public char[] password() {
    return password.clone();
  }

  @Override
  public String toString() {
    return "SigstoreOptions[dataDir=" + dataDir + ", baseUrl=" + baseUrl + ", issuers=" + issuers + "]";
  }
}
