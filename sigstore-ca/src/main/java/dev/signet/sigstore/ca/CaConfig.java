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
 * @param pkcs11 the CA key on a PKCS#11 token instead of {@code caKeyFile} (with {@code caChainFile}), or null
 */
public record CaConfig(Path dataDir, char[] password, Path caKeyFile, Path caChainFile, List<OidcIssuer> issuers,
    String organization, HttpFetcher fetcher, Clock clock, Duration clockSkew, Pkcs11 pkcs11) {

  /**
   * A CA key on a PKCS#11 token ({@link Pkcs11Keys}).
   *
   * @param providerConfig SunPKCS11 configuration file
   * @param alias the key's label on the token
   * @param pin the user PIN
   */
  public record Pkcs11(Path providerConfig, String alias, char[] pin) {
    public Pkcs11 {
      Objects.requireNonNull(providerConfig, "providerConfig");
      Objects.requireNonNull(alias, "alias");
      pin = pin == null ? new char[0] : pin.clone();
    }

    @Override
    public char[] pin() {
      return pin.clone();
    }

    @Override
    public String toString() {
      return "Pkcs11[" + providerConfig + ", " + alias + "]";
    }
  }

  public CaConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    password = password == null ? new char[0] : password.clone();
    if (pkcs11 != null) {
      if (caKeyFile != null || caChainFile == null) {
        throw new IllegalArgumentException("a PKCS#11 CA key needs the CA chain file and no CA key file");
      }
    } else if ((caKeyFile == null) != (caChainFile == null)) {
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
        Clock.systemUTC(), null, null);
  }

  public CaConfig withClock(Clock c) {
    return new CaConfig(dataDir, password, caKeyFile, caChainFile, issuers, organization, fetcher, c, clockSkew, pkcs11);
  }

  public CaConfig withCaFiles(Path keyFile, Path chainFile) {
    return new CaConfig(dataDir, password, keyFile, chainFile, issuers, organization, fetcher, clock, clockSkew, null);
  }

  /** The CA key on a PKCS#11 token, its chain in {@code chainFile}. */
  public CaConfig withPkcs11(Pkcs11 token, Path chainFile) {
    return new CaConfig(dataDir, password, null, chainFile, issuers, organization, fetcher, clock, clockSkew, token);
  }

  @Override
  public String toString() {
    return "CaConfig[" + dataDir + ", issuers " + issuers + ", " + (pkcs11 != null ? pkcs11
        : caKeyFile != null ? "CA key " + caKeyFile : "CA in " + dataDir.resolve("ca")) + "]";
  }

  @Override
  public char[] password() {
    return password.clone();
  }
}
