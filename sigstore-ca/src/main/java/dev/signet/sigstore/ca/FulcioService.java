package dev.signet.sigstore.ca;

import dev.signet.sigstore.ca.ct.CtLog;
import dev.signet.sigstore.ca.oidc.OidcIssuer;
import dev.signet.sigstore.ca.oidc.Principals;
import dev.signet.sigstore.ca.oidc.TokenVerifier;
import java.io.IOException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.List;

/**
 * Fulcio's {@code CreateSigningCertificate}: verify the ID token (nothing else happens when it is
 * refused), derive the identity, check the proof of possession, issue through the
 * {@link CertificateAuthority} (which logs the precertificate in the CT log). Thread-safe.
 */
public final class FulcioService implements AutoCloseable {
  private final TokenVerifier tokens;
  private final CertificateAuthority ca;

  public FulcioService(TokenVerifier tokens, CertificateAuthority ca) {
    this.tokens = tokens;
    this.ca = ca;
  }

  /** Opens the CA and its CT log as {@code config} says (generating both on first start). */
  public static FulcioService open(CaConfig config) throws CaException {
    char[] password = config.password();
    try {
      CaKeys keys;
      if (config.pkcs11() != null) {
        char[] pin = config.pkcs11().pin();
        try {
          keys = Pkcs11Keys.load(config.pkcs11().providerConfig(), pin, config.pkcs11().alias(), config.caChainFile());
        } finally {
          java.util.Arrays.fill(pin, '\0');
        }
      } else if (config.caKeyFile() != null) {
        keys = CaKeys.load(config.caKeyFile(), password, config.caChainFile());
      } else {
        keys = CaKeys.loadOrGenerate(config.dataDir(), password, config.organization(), config.clock());
      }
      CtLog log = CtLog.open(config.dataDir().resolve("ct"), password, List.of(keys.root()), config.clock());
      TokenVerifier verifier = new TokenVerifier(config.issuers(), config.fetcher(), config.clock(), config.clockSkew());
      return new FulcioService(verifier, new CertificateAuthority(keys, log, config.clock(), new SecureRandom()));
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  /**
   * Issues a certificate for the holder of {@code token}.
   *
   * @throws CaException {@code UNAUTHENTICATED} for a refused token ({@link dev.signet.sigstore.ca.oidc.TokenRejectedException}),
   *     {@code INVALID_ARGUMENT} for a bad key, proof or CSR, {@code INTERNAL} when issuing fails
   */
  public IssuedCertificate signingCertificate(String token, CertificateRequest request) throws CaException {
    Identity identity = Principals.identity(tokens.verify(token));
    PublicKey key = switch (request) {
      case CertificateRequest.PublicKeyRequest p ->
          ProofOfPossession.fromSignedChallenge(p.publicKey(), p.proofOfPossession(), identity);
      case CertificateRequest.CsrRequest c -> ProofOfPossession.fromCsr(c.csr());
    };
    return ca.issue(identity, key);
  }

  public List<OidcIssuer> issuers() {
    return tokens.issuers();
  }

  public CertificateAuthority ca() {
    return ca;
  }

  public CtLog ctLog() {
    return ca.ctLog();
  }

  /** The CA chain and CT log key a trusted root must list. */
  public CaTrust trust() {
    CtLog log = ca.ctLog();
    return new CaTrust(ca.chain(), ca.chain().get(0).getNotBefore().toInstant(), log.publicKey(), log.logId(),
        log.validFrom());
  }

  @Override
  public void close() throws IOException {
    ca.ctLog().close();
  }
}
