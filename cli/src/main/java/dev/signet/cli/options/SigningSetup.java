package dev.signet.cli.options;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.crypto.Signer;
import dev.signet.sign.BundleWitness;
import dev.signet.sign.keyless.DeviceFlow;
import dev.signet.sign.keyless.IdentityToken;
import dev.signet.sign.keyless.FulcioClient;
import dev.signet.sign.keyless.KeylessException;
import dev.signet.sign.keyless.KeylessSigner;
import dev.signet.sign.keyless.LogVerifier;
import dev.signet.sign.keyless.RekorEntries;
import dev.signet.sign.keyless.ServiceHttp;
import dev.signet.sign.keyless.SigningConfig;
import dev.signet.sign.keyless.SigningCertificate;
import dev.signet.sign.keyless.SigningServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Turns the {@link SigningFlags} into what the sign commands need: the signer (the {@code --key}, or an
 * ephemeral P-256 key certified by the CA for the identity token), the certificate for keyless runs, and
 * the witness that timestamps and logs every bundle. Services come from {@code --signing-config} and the
 * single-service flags (which win); none has a default. Every failure is a one-line {@link CommandFailure}.
 */
public final class SigningSetup {
  /** The environment variable cosign and sigstore clients read an ID token from. */
  public static final String ID_TOKEN_ENV = "SIGSTORE_ID_TOKEN";

  /** The signer of a run and what goes with it. */
  public record Signing(Signer signer, Optional<SigningCertificate> certificate, BundleWitness witness,
      boolean logged) {
    public Optional<String> certificatePem() {
      return certificate.map(SigningCertificate::leafPem);
    }

    public Optional<String> chainPem() {
      return certificate.map(SigningCertificate::chainPem).filter(s -> !s.isEmpty());
    }

    public boolean keyless() {
      return certificate.isPresent();
    }

    /** Whether bundles get more than the signature: log entries or timestamps. */
    public boolean witnessed() {
      return witness != BundleWitness.NONE;
    }
  }

  private SigningSetup() {}

  static void checkFlags(SigningFlags f) {
    if (!f.hasKey() && f.fulcioUrl == null && f.signingConfig == null) {
      throw new CommandFailure(ExitCodes.FAILURE, "no --key given and no certificate authority for keyless signing:"
          + " sign with --key cosign.key, or name a CA with --fulcio-url URL or --signing-config FILE"
          + " (Signet contacts no public service by default)");
    }
  }

  /** Whether the flags make this run contact services (keyless, a log to upload to, a TSA). */
  static boolean usesServices(SigningFlags f) {
    return !f.hasKey() || f.timestampServerUrl != null
        || f.tlogUpload && (f.rekorUrl != null || f.signingConfig != null);
  }

  /**
   * Refuses the legacy outputs ({@code --new-bundle-format=false}, {@code sign --payload}) for runs that use
   * services: their log entries and timestamps only go into v0.3 bundles so far.
   */
  public static void requireBundleFormat(SigningFlags f, boolean bundleFormat, String verb) {
    if (!bundleFormat && usesServices(f)) {
      throw new CommandFailure(ExitCodes.FAILURE, "keyless signing, transparency-log upload and timestamps need the"
          + " v3 bundle format; " + verb + " without --new-bundle-format=false and --payload, or with --key and"
          + " --tlog-upload=false");
    }
  }

  /** The signing of a run; DSSE envelopes go to Rekor v1 as {@code dsseType}. */
  public static Signing resolve(SigningFlags f, CliContext ctx, RekorEntries.DsseEntryType dsseType) {
    checkFlags(f);
    try {
      SigningServices services = services(f, ctx);
      ServiceHttp http = ServiceHttp.jdk(services.timeout());
      SecureRandom random = new SecureRandom();
      if (f.hasKey()) {
        Signer signer = KeyLoader.signer(f.key(), ctx);
        SigningServices forKey = new SigningServices(Optional.empty(), Optional.empty(), services.logs(),
            services.tsas());
        if (forKey.logs().isEmpty() && forKey.tsas().isEmpty()) {
          return new Signing(signer, Optional.empty(), BundleWitness.NONE, false);
        }
        confirmUpload(f, ctx, forKey);
        return new Signing(signer, Optional.empty(), forKey.witness(LogVerifier.ofPublicKey(signer.publicKey(),
            signer.algorithm()), http, random, dsseType), !forKey.logs().isEmpty());
      }
      if (services.ca().isEmpty()) {
        throw new KeylessException("the signing config names no certificate authority valid now; pass --fulcio-url URL"
            + " or sign with --key");
      }
      if (services.logs().isEmpty() && services.tsas().isEmpty()) {
        throw new KeylessException("a keyless signature needs a transparency log or a timestamp authority to prove"
            + " when it was made (its certificate is short-lived): pass --rekor-url or --timestamp-server-url, or a"
            + " --signing-config naming them");
      }
      if (services.hasV2Log() && services.tsas().isEmpty()) {
        throw new KeylessException("Rekor v2 entries carry no signed time, so keyless signing with a v2 log needs a"
            + " timestamp authority: pass --timestamp-server-url or a --signing-config naming one");
      }
      IdentityToken token = token(f, ctx, services, http);
      confirmUpload(f, ctx, services);
      KeylessSigner keyless = KeylessSigner.obtain(new FulcioClient(services.ca().get(), http), token);
      ctx.err().println("Successfully obtained a signing certificate for " + token.challenge() + " (issuer "
          + token.issuer() + ") from " + services.ca().get());
      return new Signing(keyless.signer(), Optional.of(keyless.certificate()),
          services.witness(keyless.logVerifier(), http, random, dsseType), !services.logs().isEmpty());
    } catch (KeylessException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
    }
  }

  static SigningServices services(SigningFlags f, CliContext ctx) throws KeylessException {
    SigningServices s = SigningServices.none();
    if (f.signingConfig != null) {
      Path p = ctx.resolve(f.signingConfig);
      byte[] json;
      try {
        json = Files.readAllBytes(p);
      } catch (IOException e) {
        throw new KeylessException("cannot read signing config " + f.signingConfig + ": " + e.getMessage(), e);
      }
      s = SigningServices.of(SigningConfig.parse(json, f.signingConfig), ctx.clock().instant());
    }
    if (f.fulcioUrl != null) {
      s = s.withCa(f.fulcioUrl);
    }
    if (f.rekorUrl != null) {
      s = s.withLog(f.rekorUrl);
    }
    if (f.timestampServerUrl != null) {
      s = s.withTsa(f.timestampServerUrl);
    }
    if (f.oidcIssuer != null) {
      s = s.withOidc(f.oidcIssuer);
    }
    return f.tlogUpload ? s : s.withoutLogs();
  }

  /** {@code --identity-token} (the token, or a file holding it, as cosign reads it), else {@code SIGSTORE_ID_TOKEN}. */
  static IdentityToken token(SigningFlags f, CliContext ctx, SigningServices services, ServiceHttp http)
      throws KeylessException {
    String raw = f.identityToken;
    String source = "--identity-token";
    if (raw != null && !raw.isBlank()) {
      Path p = tokenFile(ctx, raw.strip());
      if (p != null) {
        try {
          raw = Files.readString(p, StandardCharsets.UTF_8);
          source = "identity token file " + f.identityToken;
        } catch (IOException e) {
          throw new KeylessException("cannot read identity token file " + f.identityToken + ": " + e.getMessage(), e);
        }
      }
    }
    if (raw == null || raw.isBlank()) {
      raw = ctx.env(ID_TOKEN_ENV);
      source = ID_TOKEN_ENV;
    }
    if (raw == null || raw.isBlank()) {
      if (!ctx.interactive() || services.oidc().isEmpty()) {
        throw new KeylessException("keyless signing needs an OIDC identity token: pass --identity-token TOKEN (or a"
            + " file holding it) or set " + ID_TOKEN_ENV + ", or --oidc-issuer URL at a terminal, or sign with --key");
      }
      raw = new DeviceFlow(http, d -> Thread.sleep(d.toMillis()), new SecureRandom())
          .idToken(services.oidc().get(), f.oidcClientId, ctx.err());
      source = "the ID token from " + services.oidc().get();
    }
    try {
      return IdentityToken.parse(raw);
    } catch (KeylessException e) {
      throw new KeylessException(source + ": " + e.getMessage(), e);
    }
  }

  /** {@code value} as an existing file (cosign: a file path wins over the literal token), else null. */
  private static Path tokenFile(CliContext ctx, String value) {
    try {
      Path p = ctx.resolve(value);
      return Files.isRegularFile(p) ? p : null;
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  private static void confirmUpload(SigningFlags f, CliContext ctx, SigningServices services) throws KeylessException {
    if (services.logs().isEmpty() || f.yes || !ctx.interactive()) {
      return;
    }
    ctx.err().println("The signature (and, for keyless signing, your identity in the certificate) will be stored in"
        + " the transparency log at " + services.logs().get(0).url() + "; entries cannot be removed.");
    ctx.err().println("Are you sure you would like to continue? [y/N]");
    ctx.err().flush();
    String answer;
    try {
      answer = new java.io.BufferedReader(new java.io.InputStreamReader(ctx.stdin(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !(answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"))) {
      throw new KeylessException("signing cancelled: the transparency-log upload was not confirmed (pass --yes to skip"
          + " the question)");
    }
  }
}
