package dev.signet.cli.command.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.command.Commands;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code signet registry serve|gc|fsck}, run in-process through picocli with a test {@link CliContext}. */
class RegistryCommandTest {
  private static final Pattern LISTENING = Pattern.compile("Signet registry listening on (\\S+) \\(data: (.+)\\)");

  @TempDir Path dir;
  private final Map<String, String> env = new HashMap<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CliContext ctx() {
    return new CliContext(env, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), dir, Clock.systemUTC(), false);
  }

  private CommandLine cli(CliContext ctx) {
    CommandLine cl = new CommandLine(new RegistryCommand(ctx), new Commands.Factory(ctx));
    cl.setOut(new java.io.PrintWriter(ctx.out(), true));
    cl.setErr(new java.io.PrintWriter(ctx.err(), true));
    cl.setExecutionExceptionHandler((ex, c, p) -> {
      ctx.err().println("Error: " + ex.getMessage());
      return ex instanceof CommandFailure f ? f.exitCode() : 1;
    });
    return cl;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Starts serve in the background and returns (url, command) once it prints its line. */
  private record Serving(URI url, String data, ServeCommand command, CompletableFuture<Integer> exit) {}

  private Serving serve(String... args) throws Exception {
    CliContext ctx = ctx();
    CommandLine cl = cli(ctx);
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(all));
    for (int i = 0; i < 200; i++) {
      Matcher m = LISTENING.matcher(out());
      if (m.find()) {
        ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
        return new Serving(URI.create(m.group(1)), m.group(2), serve, exit);
      }
      if (exit.isDone()) {
        throw new AssertionError("serve exited: " + exit.get() + " " + err);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not start: " + out() + err);
  }

  private static int get(URI url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/v2/")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void serve_printsItsAddressAndServesUntilStopped() throws Exception {
    Serving s = serve("--listen", "127.0.0.1:0", "--data", "reg");
    assertThat(s.url().toString()).startsWith("http://127.0.0.1:");
    assertThat(s.data()).isEqualTo(dir.resolve("reg").toString());
    assertThat(get(s.url())).isEqualTo(200);
    s.command().stop.countDown();
    assertThat(s.exit().get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void serve_readsTheConfigFileAndEnvironment_flagsWin() throws Exception {
    Files.writeString(dir.resolve("registry.yaml"), "# test config\nlisten: 127.0.0.1:1\ndata: from-file\n"
        + "gc-interval: 1h\n");
    env.put("SIGNET_REGISTRY_LISTEN", "127.0.0.1:0");
    Serving s = serve("--config", "registry.yaml");
    assertThat(s.data()).isEqualTo(dir.resolve("from-file").toString());
    s.command().stop.countDown();
    s.exit().get(30, TimeUnit.SECONDS);

    out.reset();
    env.put("SIGNET_REGISTRY_DATA", dir.resolve("from-env").toString());
    Serving s2 = serve("--config", "registry.yaml");
    assertThat(s2.data()).isEqualTo(dir.resolve("from-env").toString());
    s2.command().stop.countDown();
    s2.exit().get(30, TimeUnit.SECONDS);

    out.reset();
    Serving s3 = serve("--config", "registry.yaml", "--data", "from-flag");
    assertThat(s3.data()).isEqualTo(dir.resolve("from-flag").toString());
    s3.command().stop.countDown();
    s3.exit().get(30, TimeUnit.SECONDS);
  }

  @Test
  void serve_refusesPublicAddressesWithoutInsecureNoAuth() {
    int code = cli(ctx()).execute("serve", "--listen", "0.0.0.0:0", "--data", "reg");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--insecure-no-auth");
  }

  @Test
  void serve_rejectsBadSettings() throws Exception {
    assertThat(cli(ctx()).execute("serve", "--listen", "nonsense")).isEqualTo(1);
    assertThat(cli(ctx()).execute("serve", "--listen", "127.0.0.1:0", "--gc-interval", "soon")).isEqualTo(1);
    Files.writeString(dir.resolve("bad.yaml"), "colour: blue\n");
    assertThat(cli(ctx()).execute("serve", "--config", "bad.yaml")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown key \"colour\"");
  }

  @Test
  void gcAndFsck_workOnADataDirectory() throws Exception {
    Serving s = serve("--listen", "127.0.0.1:0", "--data", "reg");
    byte[] blob = "orphan".getBytes(StandardCharsets.UTF_8);
    String digest = dev.signet.oci.Digest.sha256(blob).toString();
    HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        s.url().resolve("/v2/repo/blobs/uploads/?digest=" + digest)).POST(HttpRequest.BodyPublishers.ofByteArray(blob))
        .build(), HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(201);
    s.command().stop.countDown();
    s.exit().get(30, TimeUnit.SECONDS);

    out.reset();
    assertThat(cli(ctx()).execute("fsck", "--data", "reg")).isZero();
    assertThat(out()).contains("checked 0 manifests and 1 blobs: no problems");

    out.reset();
    assertThat(cli(ctx()).execute("gc", "--data", "reg", "--dry-run", "--grace", "0s")).isZero();
    assertThat(out()).contains("would remove blob " + digest).contains("would remove 0 manifests, 1 blobs");
    assertThat(cli(ctx()).execute("gc", "--data", "reg", "--grace", "1h")).isZero();
    assertThat(out()).contains("removed 0 manifests, 0 blobs");
    assertThat(cli(ctx()).execute("gc", "--data", "reg", "--grace", "0s")).isZero();
    assertThat(out()).contains("removed 0 manifests, 1 blobs");

    Path blobFile;
    try (var files = Files.walk(dir.resolve("reg/blobs"))) {
      assertThat(files.filter(Files::isRegularFile).count()).isZero();
    }
    out.reset();
    Files.createDirectories(dir.resolve("reg/blobs/sha256/aa"));
    blobFile = dir.resolve("reg/blobs/sha256/aa/" + "a".repeat(64));
    Files.writeString(blobFile, "not what the digest says");
    assertThat(cli(ctx()).execute("fsck", "--data", "reg")).isEqualTo(1);
    assertThat(out()).contains("content does not match the digest");
  }

  @Test
  void durationsAndListenAddresses() {
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(ListenAddress.parse("[::1]:5001")).isEqualTo(new ListenAddress("::1", 5001));
    assertThat(ListenAddress.parse(":8080")).isEqualTo(new ListenAddress("127.0.0.1", 8080));
  }

  @Test
  void help_documentsTheConfigFile() {
    cli(ctx()).execute("serve", "--help");
    assertThat(out()).contains("--config", "listen: 127.0.0.1:5000", "SIGNET_REGISTRY_LISTEN", "--insecure-no-auth");
  }
}
