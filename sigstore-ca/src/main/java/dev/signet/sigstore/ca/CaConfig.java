package dev.signet.sigstore.ca;

import dev.signet.sigstore.ca.oidc.HttpFetcher;
import dev.signet.sigstore.ca.oidc.OidcIssuer;
import dev.signet.sigstore.ca.oidc.TokenVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to open a {@link FulcioService}.
 *
 * @param dataDir where a generated CA ({@code ca/}) and the CT log ({@code ct/}) live
 * @param password protects the CA and CT log keys at rest
 * @param caKeyFile an existing CA key (encrypted key file), or null to use/generate {@code dataDir/ca}
 * @param caChainFile the PEM chain for {@code caKeyFile} (issuing certificate first), or null
 * @param issuers the OIDC issuers whose tokens are accepted
 * @param organization the O= of a generated CA's names
 * @param fetcher fetches discovery documents and JWKS
 * @param clock the time certificates and tokens are checked and issued at
 * @param clockSkew tolerance for token times
 */
public record CaConfig(Path dataDir, char[] password, Path caKeyFile, Path caChainFile, List<OidcIssuer> issuers,
    String organization, HttpFetcher fetcher, Clock clock, Duration clockSkew) {
  public CaConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    password = password == null ? new char[0] : password.clone();
    if ((caKeyFile == null) != (caChainFile == null)) {
      throw new IllegalArgumentException("give both the CA key file and the CA chain file, or neither");
    }
    issuers = List.copyOf(issuers);
    organization = organization == null || organization.isBlank() ? "signet" : organization;
    Objects.requireNonNull(fetcher, "fetcher");
    Objects.requireNonNull(clock, "clock");
    clockSkew = clockSkew == null ? TokenVerifier.DEFAULT_SKEW : clockSkew;
  }

  /** A CA generated in {@code dataDir}, the system clock and a default HTTP client. */
  public static CaConfig of(Path dataDir, char[] password, List<OidcIssuer> issuers) {
    return new CaConfig(dataDir, password, null, null, issuers, "signet", HttpFetcher.defaultClient(),
        Clock.systemUTC(), null);
  }

  public CaConfig withClock(Clock c) {
    return new CaConfig(dataDir, password, caKeyFile, caChainFile, issuers, organization, fetcher, c, clockSkew);
  }

  public CaConfig withCaFiles(Path keyFile, Path chainFile) {
    return new CaConfig(dataDir, password, keyFile, chainFile, issuers, organization, fetcher, clock, clockSkew);
  }

  @Override
  public char[] password() {
    return password.clone();
  }
}
