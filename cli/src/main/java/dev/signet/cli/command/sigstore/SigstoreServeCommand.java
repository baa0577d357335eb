package dev.signet.cli.command.sigstore;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.command.registry.ListenAddress;
import dev.signet.sigstore.server.SigstoreException;
import dev.signet.sigstore.server.SigstoreOptions;
import dev.signet.sigstore.server.SigstoreServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signet sigstore serve}: the keyless stack on its own listener until interrupted. */
@Command(
    name = "serve",
    description = "Serve a keyless CA with its CT log, a transparency log (Rekor v1 and v2), a timestamp authority "
        + "and the trust documents (trusted root, signing config, TUF repository).",
    footerHeading = "%nEndpoints%n",
    footer = {
        "CA (Fulcio):  POST /api/v2/signingCert, GET /api/v2/trustBundle, GET /api/v2/configuration",
        "CT log:       POST /ct/v1/add-pre-chain, /ct/v1/add-chain, GET /ct/v1/get-sth",
        "Log:          POST /api/v2/log/entries (Rekor v2), tiles and /checkpoint; POST /api/v1/log/entries (v1)",
        "TSA:          POST /api/v1/timestamp, GET /api/v1/timestamp/certchain",
        "Trust:        GET /sigstore/trusted_root.json, /sigstore/signing_config.json, /sigstore/tuf/",
        "Sign with:    signet sign --signing-config <(curl URL/sigstore/signing_config.json) --identity-token T IMAGE"})
public final class SigstoreServeCommand implements Callable<Integer> {
  static final String DATA_ENV = "SIGNET_SIGSTORE_DATA";

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5556",
      description = "Listen address (default: ${DEFAULT-VALUE}; port 0 picks one).")
  String listen;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (default: $" + DATA_ENV + ", else ./signet-sigstore).")
  String data;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "The URL clients use, written into the trusted root and signing config (default: http://LISTEN).")
  String publicUrl;

  @Mixin SigstoreServiceOptions service = new SigstoreServiceOptions();

  private final CliContext ctx;
  final CountDownLatch stop = new CountDownLatch(1);

  public SigstoreServeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ListenAddress address;
    try {
      address = ListenAddress.parse(listen);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage());
    }
    Path dir = ctx.resolve(data != null ? data : ctx.env(DATA_ENV) != null ? ctx.env(DATA_ENV) : "signet-sigstore");
    URI url = publicUrl == null ? null : URI.create(publicUrl);
    char[] password = service.password(ctx, dir);
    SigstoreServer server;
    try {
      server = SigstoreServer.start(address.host(), address.port(), url,
          SigstoreOptions.of(dir, "http://placeholder", password, service.issuers()).withClock(ctx.clock()));
    } catch (SigstoreException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
    Thread hook = new Thread(stop::countDown, "signet-sigstore-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    ctx.out().println("Signet Sigstore services listening on " + server.url() + " (data: " + dir + ")");
    ctx.out().println("  trusted root:   " + server.url() + "/sigstore/trusted_root.json");
    ctx.out().println("  signing config: " + server.url() + "/sigstore/signing_config.json");
    ctx.out().println("  TUF mirror:     " + server.url() + "/sigstore/tuf");
    ctx.out().flush();
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is what stopped us
      }
    }
    return ExitCodes.OK;
  }
}
