package dev.signet.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliContext;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.command.Commands;
import dev.signet.cli.command.registry.RegistryCommand;
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
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code signet registry serve --admin-password-file --token-ttl --public-url}, and the env variable. */
class ServeAuthOptionsTest {
  @TempDir Path dir;

  @Test
  void anAdminPasswordFileTurnsAuthOn_withTheGivenRealmAndTokenLifetime() throws Exception {
    Path pw = dir.resolve("admin.pw");
    Files.writeString(pw, "from-a-file-123\n");
    int port = CliRegistryFixture.closedPort();
    try (Serving s = serve(Map.of(), "--listen", "0.0.0.0:" + port, "--data", dir.resolve("data").toString(),
        "--admin-password-file", pw.toString(), "--token-ttl", "90s", "--public-url", "https://reg.example.com")) {
      assertThat(s.exit()).isNotDone();
      URI base = URI.create("http://127.0.0.1:" + port);
      HttpResponse<String> ping = get(base.resolve("/v2/"), null);
      assertThat(ping.statusCode()).isEqualTo(401);
      assertThat(ping.headers().firstValue("WWW-Authenticate")).hasValue(
          "Bearer realm=\"https://reg.example.com/auth/token\",service=\"signet\"");
      HttpResponse<String> token = get(base.resolve("/auth/token?service=signet"), basic("admin", "from-a-file-123"));
      assertThat(token.body()).contains("\"expires_in\":90");
    }
  }

  @Test
  void theEnvironmentVariableWorksToo_andAnEmptyFileIsOneError() throws Exception {
    int port = CliRegistryFixture.closedPort();
    try (Serving s = serve(Map.of("SIGNET_ADMIN_PASSWORD", "from-the-env-1"), "--listen", "127.0.0.1:" + port,
        "--data", dir.resolve("data2").toString())) {
      assertThat(s.exit()).isNotDone();
      URI base = URI.create("http://127.0.0.1:" + port);
      assertThat(get(base.resolve("/v2/"), basic("admin", "from-the-env-1")).statusCode()).isEqualTo(200);
      assertThat(get(base.resolve("/v2/"), basic("admin", "wrong")).statusCode()).isEqualTo(401);
    }
    Files.writeString(dir.resolve("empty.pw"), "");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = cli(Map.of(), new ByteArrayOutputStream(), err).execute("serve", "--data", dir.resolve("d3").toString(),
        "--admin-password-file", dir.resolve("empty.pw").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is empty");
  }

  private record Serving(RegistryCommand command, CompletableFuture<Integer> exit, CommandLine cl)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        Object serve = cl.getSubcommands().get("serve").getCommand();
        java.lang.reflect.Field stop = serve.getClass().getDeclaredField("stop");
        stop.setAccessible(true);
        ((java.util.concurrent.CountDownLatch) stop.get(serve)).countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
      } catch (Exception e) {
        throw new IllegalStateException("serve did not stop", e);
      }
    }
  }

  private Serving serve(Map<String, String> env, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cl = cli(env, out, err);
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(all));
    for (int i = 0; i < 300 && !out.toString(StandardCharsets.UTF_8).contains("listening on"); i++) {
      if (exit.isDone()) {
        throw new AssertionError("serve exited " + exit.get() + ": " + err);
      }
      Thread.sleep(50);
    }
    return new Serving(cl.getCommand(), exit, cl);
  }

  private CommandLine cli(Map<String, String> env, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    CliContext ctx = new CliContext(env, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir,
        Clock.systemUTC(), false);
    CommandLine cl = new CommandLine(new RegistryCommand(ctx), new Commands.Factory(ctx));
    cl.setExecutionExceptionHandler((ex, c, p) -> {
      ctx.err().println("Error: " + ex.getMessage());
      return ex instanceof CommandFailure f ? f.exitCode() : 1;
    });
    return cl;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> get(URI uri, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
