package dev.signet.cli.command.registry;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.registry.server.RegistryServer;
import dev.signet.registry.server.service.GarbageCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signet registry serve}: serves the registry until interrupted. */
@Command(
    name = "serve",
    description = "Serve the registry (OCI distribution spec 1.1 with the referrers API).",
    footerHeading = "%nConfiguration file%n",
    footer = {
        "--config FILE holds one \"key: value\" (or \"key = value\") per line; # starts a comment.",
        "Keys: listen, data, insecure-no-auth, tls-cert, tls-key, gc-interval, gc-grace, fsync-metadata,",
        "  admin-password-file, token-ttl, public-url.",
        "Relative paths are resolved against the file's directory. Example:",
        "  listen: 127.0.0.1:5000",
        "  data: /var/lib/signet",
        "  gc-interval: 6h",
        "Precedence: command-line flags, then SIGNET_REGISTRY_LISTEN / SIGNET_REGISTRY_DATA, then the file.",
        "Authentication is on with an admin password (--admin-password-file or SIGNET_ADMIN_PASSWORD) or when",
        "the data directory has accounts (signet admin); without it non-loopback addresses need --insecure-no-auth."})
public final class ServeCommand implements Callable<Integer> {
  static final String LISTEN_ENV = "SIGNET_REGISTRY_LISTEN";
  /** How long a SIGTERM waits for the server to close before the JVM exits anyway. */
  private static final long SHUTDOWN_WAIT_SECONDS = 60;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (see below).")
  String config;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Listen address (default: $SIGNET_REGISTRY_LISTEN, else 127.0.0.1:5000; port 0 picks one).")
  String listen;

  @Mixin DataDirOption data = new DataDirOption();

  @Mixin AuthOptions auth = new AuthOptions();

  @Option(names = "--insecure-no-auth", description = "Allow a non-loopback listen address without authentication.")
  Boolean insecureNoAuth;

  @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve HTTPS.")
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Unencrypted PEM private key for --tls-cert.")
  String tlsKey;

  @Option(names = "--gc-interval", paramLabel = "DURATION",
      description = "Run garbage collection online at this interval, e.g. 6h (default: never).")
  String gcInterval;

  @Option(names = "--gc-grace", paramLabel = "DURATION",
      description = "Keep unreferenced content younger than this (default: 1h).")
  String gcGrace;

  @Option(names = "--sigstore", description = {"Also serve keyless signing on this listener: a CA that accepts the",
      "registry's own ID tokens (signet identity-token) and --oidc-issuer ones, a CT log, a transparency log, a",
      "timestamp authority, /sigstore/trusted_root.json, /sigstore/signing_config.json and /sigstore/tuf/",
      "(data in DATA/sigstore)."})
  boolean sigstore;

  @Mixin dev.signet.cli.command.sigstore.SigstoreServiceOptions sigstoreOptions =
      new dev.signet.cli.command.sigstore.SigstoreServiceOptions();

  @Option(names = "--fsync-metadata", description = "fsync every metadata commit (survives power loss; slower).")
  Boolean fsyncMetadata;

  private final CliContext ctx;
  /** Counted down to stop serving (tests; the JVM shutdown hook). */
  final CountDownLatch stop = new CountDownLatch(1);
  /** Counted down once the server is closed, so the shutdown hook can wait for it. */
  private final CountDownLatch closed = new CountDownLatch(1);

  public ServeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    RegistryConfigFile file = readConfig();
    ListenAddress address;
    try {
      address = ListenAddress.parse(firstOf(listen, ctx.env(LISTEN_ENV), file.get("listen").orElse(null),
          ListenAddress.DEFAULT.host() + ":" + ListenAddress.DEFAULT.port()));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage());
    }
    Path dataDir = data.data != null || hasEnv(DataDirOption.ENV) || file.path("data").isEmpty()
        ? data.resolve(ctx) : file.path("data").get();
    RegistryServer.Builder b = RegistryServer.builder().host(address.host()).port(address.port()).dataDir(dataDir)
        .clock(ctx.clock())
        .insecureNoAuth(insecureNoAuth != null ? insecureNoAuth : file.flag("insecure-no-auth").orElse(false))
        .fullSync(fsyncMetadata != null ? fsyncMetadata : file.flag("fsync-metadata").orElse(false));
    Optional<Path> cert = tlsCert != null ? Optional.of(ctx.resolve(tlsCert)) : file.path("tls-cert");
    Optional<Path> key = tlsKey != null ? Optional.of(ctx.resolve(tlsKey)) : file.path("tls-key");
    if (cert.isPresent() != key.isPresent()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--tls-cert and --tls-key go together");
    }
    cert.ifPresent(c -> b.tls(c, key.get()));
    String interval = firstOf(gcInterval, file.get("gc-interval").orElse(null));
    String grace = firstOf(gcGrace, file.get("gc-grace").orElse(null));
    try {
      b.gcInterval(interval == null ? null : Durations.parse(interval));
      b.gcGrace(grace == null ? GarbageCollector.DEFAULT_GRACE : Durations.parse(grace));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage());
    }
    auth.apply(b, ctx, file);
    if (sigstore) {
      b.frontServices(dev.signet.cli.command.sigstore.EmbeddedSigstore.factory(ctx, dataDir.resolve("sigstore"),
          sigstoreOptions));
    } else if (!sigstoreOptions.isDefault()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--oidc-issuer and --sigstore-password-file need --sigstore");
    }
    return serve(b, dataDir);
  }

  private int serve(RegistryServer.Builder b, Path dataDir) {
    RegistryServer server;
    try {
      server = b.build().start();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
    }
    // The JVM halts as soon as its shutdown hooks return: on SIGTERM the hook must wait until the server
    // (Jetty, running garbage collection, the metadata store) is closed, or the close is cut short.
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        closed.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "signet-registry-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    ctx.out().println("Signet registry listening on " + server.url() + " (data: " + dataDir + ")");
    ctx.out().flush();
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        server.close();
      } finally {
        closed.countDown();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is what stopped us
      }
    }
    return ExitCodes.OK;
  }

  private RegistryConfigFile readConfig() {
    if (config == null) {
      return RegistryConfigFile.empty();
    }
    try {
      return RegistryConfigFile.read(ctx.resolve(config));
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot read " + config + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
    }
  }

  private boolean hasEnv(String name) {
    return ctx.env(name) != null && !ctx.env(name).isEmpty();
  }

  private static String firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
