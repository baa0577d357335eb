package dev.signet.cli.options;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.tuf.CacheLayout;
import dev.signet.tuf.TrustedRootProvider;
import dev.signet.tuf.TufException;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.x509.CertificateAuthorities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a verifying command's trust comes from, in cosign's order: a bring-your-own CA
 * ({@code --certificate-chain}, or {@code --ca-roots} with {@code --ca-intermediates}) replaces the
 * CAs; {@code --trusted-root FILE} gives logs, CAs, CT logs and timestamp authorities; otherwise the
 * TUF repository that {@code signet initialize} set up. The public-good services are never contacted:
 * with none of these, verification that needs a root fails with one line saying what to do.
 */
public final class TrustedRoots {
  static final Duration TUF_TIMEOUT = Duration.ofSeconds(60);

  /** What to load. */
  public record Sources(String trustedRoot, String certificateChain, String caRoots, String caIntermediates,
      boolean offline) {}

  private TrustedRoots() {}

  /**
   * The trusted root, or empty when none is configured anywhere (no file, no CA flags, no TUF cache).
   * A configured source that cannot be read or verified is a {@link CommandFailure}, never "none".
   */
  public static Optional<TrustedRoot> load(CliContext ctx, Sources s) {
    if (s.certificateChain() != null && s.caRoots() != null) {
      throw new CommandFailure(ExitCodes.FAILURE, "--certificate-chain cannot be combined with --ca-roots:"
          + " give the chain, or the roots (and --ca-intermediates)");
    }
    if (s.caIntermediates() != null && s.caRoots() == null) {
      throw new CommandFailure(ExitCodes.FAILURE, "--ca-intermediates needs --ca-roots");
    }
    Optional<TrustedRoot> base = s.trustedRoot() != null ? Optional.of(parse(ctx, s.trustedRoot()))
        : s.certificateChain() != null || s.caRoots() != null ? Optional.empty() : fromTuf(ctx, s.offline());
    List<CertificateAuthority> byo = byoCertificateAuthorities(ctx, s);
    if (byo.isEmpty()) {
      return base;
    }
    TrustedRoot r = base.orElse(TrustedRoot.empty());
    return Optional.of(new TrustedRoot(r.mediaType(), r.tlogs(), byo, r.ctlogs(), r.timestampAuthorities()));
  }

  /** The one-line failure when verification needs a trusted root and none is configured. */
  public static CommandFailure noTrustedRoot(String why) {
    return new CommandFailure(ExitCodes.FAILURE, "no trusted root to " + why + ": run signet initialize --mirror"
        + " URL --root FILE, or pass --trusted-root FILE (Signet never contacts the public-good Sigstore services)");
  }

  private static TrustedRoot parse(CliContext ctx, String path) {
    byte[] json = Inputs.read(ctx, path, "--trusted-root", false);
    try {
      return TrustedRootParser.parse(json);
    } catch (VerificationException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "--trusted-root " + path + ": " + e.getMessage(), e);
    }
  }

  private static List<CertificateAuthority> byoCertificateAuthorities(CliContext ctx, Sources s) {
    try {
      if (s.certificateChain() != null) {
        return List.of(CertificateAuthorities.fromChainPem(
            Inputs.read(ctx, s.certificateChain(), "--certificate-chain", false), s.certificateChain()));
      }
      if (s.caRoots() != null) {
        byte[] roots = Inputs.read(ctx, s.caRoots(), "--ca-roots", false);
        byte[] intermediates = s.caIntermediates() == null ? null
            : Inputs.read(ctx, s.caIntermediates(), "--ca-intermediates", false);
        return new ArrayList<>(CertificateAuthorities.fromPem(roots, intermediates, s.caRoots()));
      }
    } catch (VerificationException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
    }
    return List.of();
  }

  private static Optional<TrustedRoot> fromTuf(CliContext ctx, boolean offline) {
    String home = ctx.env("HOME");
    Path h = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    Path cacheRoot = CacheLayout.cacheRoot(ctx.env(), h);
    try {
      if (CacheLayout.readRemote(cacheRoot).isEmpty()) {
        return Optional.empty();
      }
      TrustedRootProvider provider = TrustedRootProvider.fromCache(cacheRoot, ctx.clock(), TUF_TIMEOUT)
          .onWarning(w -> ctx.err().println(w));
      byte[] json = (offline ? provider.offline() : provider).trustedRootJson();
      return Optional.of(TrustedRootParser.parse(json));
    } catch (TufException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "trusted root from the TUF repository in " + cacheRoot + ": "
          + e.getMessage(), e);
    } catch (VerificationException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "trusted_root.json from the TUF repository in " + cacheRoot
          + ": " + e.getMessage(), e);
    }
  }
}
