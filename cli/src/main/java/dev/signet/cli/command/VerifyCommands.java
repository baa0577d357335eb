package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.KeyLoader;
import dev.signet.cli.options.VerifyOptions;
import dev.signet.tuf.CacheLayout;
import dev.signet.tuf.TrustedRootProvider;
import dev.signet.tuf.TufException;
import dev.signet.verify.SigstoreVerifier;
import dev.signet.verify.VerificationException;
import dev.signet.verify.VerificationPolicy;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.tlog.WitnessPolicy;
import dev.signet.verify.x509.FulcioIdentity;
import dev.signet.verify.x509.IdentityPolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the blob and attestation verification commands share: the engine ({@link SigstoreVerifier}) built
 * with the trusted root ({@code --trusted-root}, else the root cached by {@code signet initialize}, else
 * none, which only key mode with {@code --insecure-ignore-tlog} can do without), and the engine policy
 * from cosign's flags.
 */
final class VerifyCommands {
  private VerifyCommands() {}

  static SigstoreVerifier verifier(CliContext ctx, VerifyOptions verify) {
    return new SigstoreVerifier(trustedRoot(ctx, verify), WitnessPolicy.none(), ctx.clock());
  }

  static TrustedRoot trustedRoot(CliContext ctx, VerifyOptions verify) {
    byte[] json = null;
    if (verify.trustedRoot != null) {
      json = Inputs.read(ctx, verify.trustedRoot, "trusted root", false);
    } else if (!(verify.keyMode() && verify.ignoreTlog)) {
      json = cachedRoot(ctx);
    }
    if (json == null) {
      return TrustedRoot.empty();
    }
    try {
      return TrustedRootParser.parse(json);
    } catch (VerificationException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "trusted root "
          + (verify.trustedRoot != null ? verify.trustedRoot : "from the TUF cache") + ": " + e.getMessage(), e);
    }
  }

  /** The TUF-verified {@code trusted_root.json} of an initialized cache, or null when none was initialized. */
  private static byte[] cachedRoot(CliContext ctx) {
    String home = ctx.env("HOME");
    Path cacheRoot = CacheLayout.cacheRoot(ctx.env(), home == null || home.isBlank()
        ? Path.of(System.getProperty("user.home")) : Path.of(home));
    try {
      if (CacheLayout.readRemote(cacheRoot).isEmpty()) {
        return null;
      }
      return TrustedRootProvider.fromCache(cacheRoot, ctx.clock(), Duration.ofSeconds(60))
          .onWarning(w -> ctx.err().println("WARNING: " + w))
          .trustedRootJson();
    } catch (TufException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "trusted root from the TUF cache " + cacheRoot + ": "
          + e.getMessage() + " (or pass --trusted-root FILE)", e);
    }
  }

  /** The engine policy for the key or identity flags, with cosign's tlog, SCT and timestamp switches. */
  static VerificationPolicy policy(CliContext ctx, VerifyOptions verify) {
    VerificationPolicy policy;
    if (verify.keyMode()) {
      policy = VerificationPolicy.forKey(KeyLoader.loadPublicKey(verify.key, ctx));
    } else {
      IdentityPolicy identity = IdentityPolicy.of(new IdentityPolicy.Identity(verify.identity, verify.identityRegexp,
          verify.issuer, verify.issuerRegexp));
      policy = VerificationPolicy.forIdentity(leaf -> identity.check(FulcioIdentity.of(leaf)));
    }
    if (verify.ignoreTlog) {
      policy = policy.ignoringTlog();
    }
    if (verify.ignoreSct) {
      policy = policy.ignoringSct();
    }
    if (verify.useSignedTimestamps) {
      policy = policy.usingSignedTimestamps();
    }
    return policy;
  }

  /** A rejection by the engine: one line naming the failed check, exit 1. */
  static CommandFailure rejected(String what, VerificationException e) {
    return new CommandFailure(ExitCodes.FAILURE, what + ": " + e.getMessage(), e);
  }
}
