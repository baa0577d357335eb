package dev.signet.sigstore.server;

import dev.signet.sigstore.ca.CaConfig;
import dev.signet.sigstore.ca.CaException;
import dev.signet.sigstore.ca.CaTrust;
import dev.signet.sigstore.ca.FulcioService;
import dev.signet.sigstore.ca.http.CtLogHandler;
import dev.signet.sigstore.ca.http.FulcioHandler;
import dev.signet.sigstore.ca.oidc.HttpFetcher;
import dev.signet.sigstore.log.LogException;
import dev.signet.sigstore.log.LogInfo;
import dev.signet.sigstore.log.SigstoreLog;
import dev.signet.sigstore.log.http.LogHandler;
import dev.signet.sigstore.server.http.TrustHandler;
import dev.signet.sigstore.server.http.TsaHandler;
import dev.signet.sigstore.server.trust.SigningConfig;
import dev.signet.sigstore.server.trust.SigningConfigJson;
import dev.signet.sigstore.server.trust.TrustedRootBuilder;
import dev.signet.sigstore.server.tsa.TimestampAuthority;
import dev.signet.sigstore.server.tsa.TsaException;
import dev.signet.sigstore.server.tsa.TsaIdentity;
import dev.signet.sigstore.server.tsa.TsaKeyStore;
import dev.signet.tuf.TufException;
import dev.signet.tuf.repo.RepositoryConfig;
import dev.signet.tuf.repo.TufRepository;
import dev.signet.verify.root.ValidityWindow;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Handler;

/**
 * One instance's keyless stack: the CA with its CT log, the transparency log (Rekor v1 and v2), the timestamp
 * authority and the trust documents that name them ({@code trusted_root.json}, {@code signing_config.json} and
 * a TUF repository publishing both). {@link #handler()} serves all of it; it declines every other path, so it
 * can sit in front of the registry's handler.
 */
public final class SigstoreServices implements AutoCloseable {
  /** Target names in the TUF repository, as the public-good repository has them. */
  public static final String TRUSTED_ROOT_TARGET = "trusted_root.json";
  public static final String SIGNING_CONFIG_TARGET = "signing_config.v0.2.json";
  private static final String OPERATOR = "signet";

  private final SigstoreOptions options;
  private final FulcioService ca;
  private final SigstoreLog log;
  private final TimestampAuthority tsa;
  private final TsaIdentity tsaIdentity;
  private final TufRepository tuf;
  private final byte[] trustedRoot;
  private final byte[] signingConfig;
  private final Handler handler;

  private SigstoreServices(SigstoreOptions options, FulcioService ca, SigstoreLog log, TsaIdentity tsaIdentity,
      TimestampAuthority tsa, TufRepository tuf) throws SigstoreException {
    this.options = options;
    this.ca = ca;
    this.log = log;
    this.tsaIdentity = tsaIdentity;
    this.tsa = tsa;
    this.tuf = tuf;
    this.trustedRoot = buildTrustedRoot();
    this.signingConfig = SigningConfigJson.write(buildSigningConfig());
    try {
      tuf.publishTargets(Map.of(TRUSTED_ROOT_TARGET, trustedRoot, SIGNING_CONFIG_TARGET, signingConfig));
      tuf.refresh();
    } catch (TufException e) {
      throw new SigstoreException("cannot publish the trust documents in the TUF repository "
          + tuf.directory() + ": " + e.getMessage(), e);
    }
    this.handler = new Handler.Sequence(new FulcioHandler(ca), new CtLogHandler(ca.ctLog()), new LogHandler(log),
        new TsaHandler(tsa), new TrustHandler(() -> trustedRoot, () -> signingConfig,
            Optional.of(tuf.directory())));
  }

  /** Opens (creating on first start) every service under {@code options.dataDir()}. */
  public static SigstoreServices open(SigstoreOptions options) throws SigstoreException {
    return open(options, HttpFetcher.defaultClient());
  }

  /** As {@link #open(SigstoreOptions)}, fetching OIDC discovery documents and keys through {@code fetcher}. */
  public static SigstoreServices open(SigstoreOptions options, HttpFetcher fetcher) throws SigstoreException {
    List<AutoCloseable> opened = new ArrayList<>();
    char[] password = options.password();
    try {
      FulcioService ca = FulcioService.open(new CaConfig(options.dataDir().resolve("ca"), password, null, null,
          options.issuers(), options.organization(), fetcher, options.clock(), null, null));
      opened.add(ca);
      SigstoreLog log = SigstoreLog.open(options.dataDir().resolve("log"),
          new SigstoreLog.Options(options.baseUrl(), options.integrationInterval(), 4096, options.clock()));
      opened.add(log);
      TsaIdentity tsa = TsaKeyStore.loadOrCreate(options.dataDir().resolve("tsa"), options.organization(),
          options.clock());
      TufRepository tuf = TufRepository.open(options.dataDir().resolve("tuf"), options.clock(),
          RepositoryConfig.defaults());
      return new SigstoreServices(options, ca, log, tsa, new TimestampAuthority(tsa, options.clock()), tuf);
    } catch (CaException e) {
      closeAll(opened);
      throw new SigstoreException("cannot open the certificate authority in " + options.dataDir().resolve("ca")
          + ": " + e.getMessage(), e);
    } catch (LogException e) {
      closeAll(opened);
      throw new SigstoreException("cannot open the transparency log in " + options.dataDir().resolve("log")
          + ": " + e.getMessage(), e);
    } catch (TsaException e) {
      closeAll(opened);
      throw new SigstoreException("cannot open the timestamp authority in " + options.dataDir().resolve("tsa")
          + ": " + e.getMessage(), e);
    } catch (TufException e) {
      closeAll(opened);
      throw new SigstoreException("cannot open the TUF repository in " + options.dataDir().resolve("tuf")
          + ": " + e.getMessage(), e);
    } catch (SigstoreException | RuntimeException e) {
      closeAll(opened);
      throw e;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private byte[] buildTrustedRoot() {
    String base = options.baseUrl();
    CaTrust trust = ca.trust();
    TrustedRootBuilder b = new TrustedRootBuilder()
        .certificateAuthority(base, trust.caChain(), ValidityWindow.from(trust.caValidFrom()))
        .ctLog(base, trust.ctLogKey(), ValidityWindow.from(trust.ctLogValidFrom()))
        .timestampAuthority(base + TsaHandler.TIMESTAMP_PATH, tsaIdentity.chain(),
            ValidityWindow.from(tsaIdentity.signingCertificate().getNotBefore().toInstant()));
    for (LogInfo info : List.of(log.v1Info(), log.v2Info())) {
      b.transparencyLog(info.baseUrl(), info.publicKey(), info.logId(), ValidityWindow.from(info.validFrom()));
    }
    return b.toJson();
  }

  private SigningConfig buildSigningConfig() {
    String base = options.baseUrl();
    Instant start = earliest(ca.trust().caValidFrom(), log.v1Info().validFrom(), log.v2Info().validFrom());
    ValidityWindow from = ValidityWindow.from(start);
    List<SigningConfig.Service> oidc = options.oidcUrl()
        .map(u -> List.of(new SigningConfig.Service(u, 1, from, OPERATOR))).orElse(List.of());
    return new SigningConfig(List.of(new SigningConfig.Service(base, 1, from, OPERATOR)), oidc,
        // Only the Rekor v1 API is offered for signing: Rekor v2 logs a DSSE envelope as a hashedrekord of its PAE,
        // which today's deployed verifiers (@sigstore/verify 3.1) refuse for DSSE bundles. The v2 log is served and
        // listed in the trusted root for clients that name it (--rekor-url with API version 2).
        List.of(new SigningConfig.Service(base, 1, ValidityWindow.from(log.v1Info().validFrom()), OPERATOR)),
        List.of(new SigningConfig.Service(base + TsaHandler.TIMESTAMP_PATH, 1, from, OPERATOR)),
        SigningConfig.Selection.any(), SigningConfig.Selection.any());
  }

  private static Instant earliest(Instant... times) {
    return Arrays.stream(times).min(Instant::compareTo).orElseThrow();
  }

  /** Serves the CA, CT log, transparency log, TSA and trust documents; declines all other paths. */
  public Handler handler() {
    return handler;
  }

  public String baseUrl() {
    return options.baseUrl();
  }

  public byte[] trustedRoot() {
    return trustedRoot.clone();
  }

  public byte[] signingConfig() {
    return signingConfig.clone();
  }

  public TufRepository tuf() {
    return tuf;
  }

  public FulcioService certificateAuthority() {
    return ca;
  }

  public SigstoreLog transparencyLog() {
    return log;
  }

  /** Re-signs TUF roles near expiry; call periodically. Returns the roles re-signed. */
  public List<String> refreshTuf() throws SigstoreException {
    try {
      return tuf.refresh();
    } catch (TufException e) {
      throw new SigstoreException("cannot refresh the TUF repository " + tuf.directory() + ": " + e.getMessage(), e);
    }
  }

  /** Rotates the keys of the given TUF roles (a new root is signed by the old and the new root keys). */
  public void rotateTuf(Set<String> roles) throws SigstoreException {
    try {
      tuf.rotate(roles);
    } catch (TufException e) {
      throw new SigstoreException("cannot rotate " + roles + " in the TUF repository " + tuf.directory() + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeAll(List.of(ca, log));
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable c : resources) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing after a failure or at shutdown: nothing left to do with the error
      }
    }
  }
}
