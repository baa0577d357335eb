package dev.signet.cli.registry;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code signet registry serve} as a user runs it: in its own JVM (the test's classpath, {@code
 * dev.signet.cli.Main}), serving the CLI until it is stopped by its PID, leaving a data directory that
 * fsck passes; and its answers to bad input, each one {@code Error:} line and a non-zero exit.
 */
class ServeCommandTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path data;
  @TempDir Path dir;

  @Test
  void forkedServe_servesTheCli_andStopsCleanlyOnItsPid() throws Exception {
    int port = CliRegistryFixture.closedPort();
    Path log = dir.resolve("serve.log");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", cp, "dev.signet.cli.Main", "registry", "serve", "--listen", "127.0.0.1:" + port,
        "--data", data.toString()));
    Process serve = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long pid = serve.pid();
    try {
      URI url = URI.create("http://127.0.0.1:" + port);
      awaitBase(serve, url, log);
      assertThat(Files.readString(log)).contains("Signet registry listening on " + url + " (data: " + data + ")");

      SignetRegistryFixture fx = SignetRegistryFixture.attach(url, dir);
      fx.keys("cosign");
      CliRegistryFixture.Pushed img = fx.push("forked/app", "v1");
      fx.ok("sign", "--key", "cosign.key", img.ref());
      fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
      fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
      assertThat(fx.accessories("forked/app", img.digest())).hasSize(2);

      ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
      assertThat(handle.destroy()).isTrue();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
      assertThat(handle.isAlive()).isFalse();
      assertThat(reachable(url)).isFalse();
    } finally {
      if (serve.isAlive()) {
        serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    String output = Files.readString(log);
    assertThat(output).doesNotContain("Exception");
    // A graceful stop closes the stores before the JVM exits: SQLite then checkpoints and removes its WAL
    // (an in-process RegistryServer.close() does). A process halted mid-close would leave it behind.
    assertThat(data.resolve("metadata.db-wal")).as("serve closes its stores on SIGTERM; output:%n%s", output)
        .doesNotExist();

    CliRunner.Result fsck = CliRunner.in(dir).run("registry", "fsck", "--data", data.toString());
    assertThat(fsck.exitCode()).as(fsck + "\nserve output:\n" + output).isZero();
    assertThat(fsck.out()).contains("no problems");
  }

  @Test
  void aPublicAddressWithoutInsecureNoAuth_isOneErrorLine_andTouchesNothing() {
    Path target = dir.resolve("reg");
    CliRunner.Result r = CliRunner.in(dir).run("registry", "serve", "--listen", "0.0.0.0:5000", "--data",
        target.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertOneErrorLine(r);
    assertThat(errorLine(r)).contains("refusing to listen on 0.0.0.0").contains("--insecure-no-auth");
    assertThat(r.out()).isEmpty();
    assertThat(target).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"nonsense", "127.0.0.1", "127.0.0.1:http", "127.0.0.1:70000", "127.0.0.1:-1",
      "127.0.0.1:", "[::1]:port"})
  void aMalformedListenAddress_isOneErrorLine(String listen) {
    Path target = dir.resolve("reg");
    CliRunner.Result r = CliRunner.in(dir).run("registry", "serve", "--listen", listen, "--data", target.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertOneErrorLine(r);
    assertThat(errorLine(r)).contains("listen address").contains(listen);
    assertThat(r.out()).isEmpty();
    assertThat(target).doesNotExist();
  }

  @Test
  void aPortInUse_isOneErrorLine() throws IOException {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CliRunner.Result r = CliRunner.in(dir).run("registry", "serve", "--listen", "127.0.0.1:" + busy.getLocalPort(),
          "--data", dir.resolve("reg").toString());
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertOneErrorLine(r);
      assertThat(errorLine(r)).contains("cannot start the registry on 127.0.0.1:" + busy.getLocalPort());
    }
  }

  @Test
  void maintenanceWithoutADataDirectory_isOneErrorLine() {
    for (String sub : List.of("fsck", "gc")) {
      CliRunner.Result r = CliRunner.in(dir).run("registry", sub, "--data", dir.resolve("missing").toString());
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertOneErrorLine(r);
      assertThat(errorLine(r)).contains("no registry data directory at " + dir.resolve("missing"));
    }
  }

  /** Polls {@code GET /v2/} until it answers 200; fails early with the log if serve exits. */
  private static void awaitBase(Process serve, URI url, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!serve.isAlive()) {
        throw new AssertionError("serve exited with " + serve.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(url.resolve("/v2/")).timeout(Duration.ofSeconds(2))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (ConnectException notYet) {
        // still starting
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not answer GET /v2/ within 60 s:\n" + Files.readString(log));
  }

  private static boolean reachable(URI url) throws InterruptedException {
    try {
      HTTP.send(HttpRequest.newBuilder(url.resolve("/v2/")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
