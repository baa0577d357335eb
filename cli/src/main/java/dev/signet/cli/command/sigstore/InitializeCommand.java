package dev.signet.cli.command.sigstore;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.tuf.HttpRepositoryFetcher;
import dev.signet.tuf.RepositoryFetchers;
import dev.signet.tuf.RootChecksum;
import dev.signet.tuf.SignedMetadata;
import dev.signet.tuf.TargetFile;
import dev.signet.tuf.TrustedMetadataSet;
import dev.signet.tuf.TrustedRootProvider;
import dev.signet.tuf.TufClient;
import dev.signet.tuf.TufConfig;
import dev.signet.tuf.TufException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code signet initialize --mirror URL --root FILE [--root-checksum HEX]}: verifies a TUF repository
 * from an out-of-band root (rotating it as far as the mirror goes), caches it under {@code $TUF_ROOT}
 * or {@code ~/.sigstore/root} in cosign's layout, fetches {@code trusted_root.json} and the signing
 * configs, and prints what it now trusts.
 */
@Command(
    name = "initialize",
    description = {
        "Initializes the TUF root of a Sigstore deployment: verifies the repository at --mirror starting from the",
        "trusted initial root (--root), caches it in $TUF_ROOT or ~/.sigstore/root, and fetches trusted_root.json.",
        "",
        "Deviation from cosign: Signet embeds no root and never contacts the public-good Sigstore repository by",
        "default; --mirror and --root are required."})
public final class InitializeCommand implements Callable<Integer> {
  private static final List<String> FETCHED = List.of(TrustedRootProvider.TRUSTED_ROOT);

  @Option(names = "--mirror", paramLabel = "URL",
      description = "Base URL of the TUF repository: http(s)://… or file:/// for a local copy (air-gap).")
  String mirror;

  @Option(names = "--root", paramLabel = "FILE|URL", description = "The trusted initial root.json (a file or URL).")
  String root;

  @Option(names = "--root-checksum", paramLabel = "HEX",
      description = "Checksum of --root: sha256:HEX, sha512:HEX, or bare hex (64 digits sha256, 128 sha512).")
  String rootChecksum;

  private final CliContext ctx;

  public InitializeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (mirror == null || mirror.isBlank()) {
      throw new CommandFailure(ExitCodes.FAILURE, "initialize needs --mirror URL and --root FILE of your TUF"
          + " repository (Signet does not contact the public-good Sigstore repository by default)");
    }
    if (root == null || root.isBlank()) {
      throw new CommandFailure(ExitCodes.FAILURE, "initialize needs --root FILE: the trusted initial root.json of "
          + mirror + " (Signet embeds no root)");
    }
    Path cacheRoot = TufCommandSupport.cacheRoot(ctx);
    try {
      byte[] anchor = loadRoot();
      if (rootChecksum != null && !rootChecksum.isBlank()) {
        RootChecksum.verify("--root " + root, anchor, rootChecksum);
      } else if (root.startsWith("http://") || root.startsWith("https://")) {
        ctx.err().println("WARNING: --root is downloaded without --root-checksum; pass its sha256 to pin it");
      }
      TufClient client = TrustedRootProvider.initialize(cacheRoot, mirror, anchor,
          RepositoryFetchers.forMirror(mirror, TufCommandSupport.REQUEST_TIMEOUT), ctx.clock(), TufConfig.defaults());
      report(client, cacheRoot);
    } catch (TufException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
    }
    return ExitCodes.OK;
  }

  private byte[] loadRoot() throws TufException {
    if (root.startsWith("http://") || root.startsWith("https://")) {
      int slash = root.lastIndexOf('/');
      return new HttpRepositoryFetcher(URI.create(root.substring(0, slash + 1)))
          .fetch(root.substring(slash + 1), TufConfig.defaults().maxRootLength())
          .orElseThrow(() -> new TufException("--root " + root + ": not found"));
    }
    Path file = root.startsWith("file:") ? Path.of(URI.create(root)) : ctx.resolve(root);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TufException("--root " + root + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void report(TufClient client, Path cacheRoot) throws TufException {
    TrustedMetadataSet t = client.trusted();
    SignedMetadata<?> targets = t.targets().orElseThrow();
    ctx.out().println("Initialized TUF repository " + mirror);
    ctx.out().println("  cache:     " + dev.signet.tuf.CacheLayout.mirrorDirectory(cacheRoot, mirror));
    ctx.out().println("  root.json v" + t.root().signed().version() + " (expires " + t.root().signed().expires()
        + "), timestamp.json v" + t.timestamp().orElseThrow().signed().version() + ", snapshot.json v"
        + t.snapshot().orElseThrow().signed().version() + ", targets.json v" + targets.signed().version());
    ctx.out().println("Trusted targets:");
    java.util.Map<String, TargetFile> all = t.targets().orElseThrow().signed().targets();
    for (String name : new java.util.TreeSet<>(all.keySet())) {
      TargetFile f = all.get(name);
      boolean fetch = FETCHED.contains(name) || name.startsWith("signing_config");
      if (fetch) {
        client.target(name);
      }
      String usage = f.custom().path("sigstore").path("usage").asText("");
      String status = f.custom().path("sigstore").path("status").asText("");
      ctx.out().println("  " + name + "  sha256:" + f.hashes().getOrDefault("sha256", "?") + "  " + f.length()
          + " bytes" + (usage.isEmpty() ? "" : "  " + usage) + (status.isEmpty() ? "" : " (" + status + ")")
          + (fetch ? "  [cached]" : ""));
    }
    if (!all.containsKey(TrustedRootProvider.TRUSTED_ROOT)) {
      ctx.err().println("WARNING: " + targets.label() + " lists no trusted_root.json; verify commands need"
          + " --trusted-root with this repository");
    }
  }
}
