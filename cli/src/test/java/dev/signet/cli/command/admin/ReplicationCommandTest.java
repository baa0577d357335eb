package dev.signet.cli.command.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.command.Commands;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.server.RegistryServer;
import dev.signet.registry.server.http.RegistryHandler;
import dev.signet.registry.server.http.Routes;
import dev.signet.registry.server.replication.ReplicationService;
import dev.signet.registry.server.replication.http.ManifestPushObserver;
import dev.signet.registry.server.replication.http.ReplicationAdminHandler;
import dev.signet.registry.server.replication.http.ReplicationAdminJettyHandler;
import dev.signet.registry.server.service.Registry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code signet admin replication …} against a real registry with replication and a real destination. */
class ReplicationCommandTest {
  private static final String SECRET = "dest-Pa55word-91ac";

  @TempDir Path tmp;
  private Registry registry;
  private ReplicationService replication;
  private Server jetty;
  private URI url;
  private RegistryServer destination;

  record Result(int exitCode, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    Path data = tmp.resolve("src");
    registry = Registry.open(data, Clock.systemUTC(), false);
    replication = ReplicationService.builder().dataDir(data).registry(registry).pollInterval(null).build();
    jetty = new Server();
    ServerConnector c = new ServerConnector(jetty);
    c.setHost("127.0.0.1");
    c.setPort(0);
    jetty.addConnector(c);
    jetty.setHandler(new Handler.Sequence(new ReplicationAdminJettyHandler(new ReplicationAdminHandler(replication)),
        new ManifestPushObserver(new RegistryHandler(Routes.of(registry)), replication)));
    jetty.start();
    url = URI.create("http://127.0.0.1:" + c.getLocalPort());
    replication.start(url);
    destination = RegistryServer.builder().dataDir(tmp.resolve("dst")).port(0).build().start();
  }

  @AfterEach
  void stop() throws Exception {
    destination.close();
    jetty.stop();
    replication.close();
    registry.close();
  }

  private Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // the harness does not authenticate; the admin connection still sends the (ignored) basic credentials
    CliContext ctx = new CliContext(Map.of("SIGNET_ADMIN_PASSWORD", "admin-pw"), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), tmp,
        Clock.systemUTC(), false);
    CommandLine cl = new CommandLine(new ReplicationCommand(ctx), new Commands.Factory(ctx));
    cl.setExecutionExceptionHandler((ex, line, parsed) -> {
      ctx.err().println("Error: " + ex.getMessage());
      return ex instanceof CommandFailure f ? f.exitCode() : 1;
    });
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
    if (!all.contains("--registry")) {
      all.addAll(java.util.List.of("--registry", url.toString()));
    }
    int code = cl.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void addListRunStatusDelete() throws Exception {
    String dest = "http://127.0.0.1:" + destination.port();
    Result added = run(SECRET + "\n", "add", "mirror", "--source", "prod/**", "--tags", "v*", "--destination", dest,
        "--dest-prefix", "dr", "--dest-username", "robot", "--dest-password-stdin", "--trigger", "event");
    assertThat(added.exitCode()).as(added.toString()).isZero();
    assertThat(added.out()).contains("Added replication rule mirror: event: prod/** tags v* -> " + dest + "/dr")
        .contains("credential basic robot");

    Result cron = run("", "add", "nightly", "--source", "**", "--destination", dest, "--cron", "0 3 * * *");
    assertThat(cron.exitCode()).as(cron.toString()).isZero();
    assertThat(cron.out()).contains("cron '0 3 * * *'").contains("next run");

    Result list = run("", "list");
    assertThat(list.out()).contains("mirror\tevent").contains("nightly\tcron");
    Result json = run("", "list", "--json");
    assertThat(json.out()).contains("\"username\" : \"robot\"");
    for (Result r : new Result[] {added, cron, list, json}) {
      assertThat(r.out() + r.err()).doesNotContain(SECRET);
    }

    RegistryClient client = HttpRegistryClient.builder().build();
    Repository repo = Repository.parse(url.getAuthority() + "/prod/app");
    Digest image = push(client, repo, "v1");
    replication.tick(); // the event
    Result ran = run("", "run", "mirror");
    assertThat(ran.out()).contains("Queued 1 replication jobs for mirror");
    replication.tick();
    Result status = run("", "status", "--rule", "mirror");
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).contains("mirror\tprod/app@" + image + "\tsucceeded\t");
    assertThat(status.out() + run("", "status", "--json").out()).doesNotContain(SECRET);
    Repository there = Repository.parse("127.0.0.1:" + destination.port() + "/dr/prod/app");
    assertThat(client.headManifest(ImageReference.of(there, "v1")).map(ManifestHead::digest)).contains(image);

    assertThat(run("", "delete", "nightly").out()).contains("Deleted replication rule nightly");
    Result missing = run("", "delete", "nightly");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("Error: no replication rule named nightly");
  }

  @Test
  void refusesTwoSecretsOnStandardInput_badRules_andUnreachableRegistries() {
    Result both = run("x\n", "add", "r", "--source", "**", "--destination", "https://x.io", "--dest-username",
        "robot", "--dest-password-stdin", "--dest-token-stdin");
    assertThat(both.exitCode()).isEqualTo(1);
    assertThat(both.err()).contains("choose one");
    Result bad = run("", "add", "r", "--source", "**", "--destination", "https://x.io", "--trigger", "event",
        "--cron", "* * * * *");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("only valid with the cron trigger").contains("HTTP 400");
    Result unreachable = run("", "list", "--registry", "http://127.0.0.1:1");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot reach");
  }

  private static Digest push(RegistryClient client, Repository repo, String tag) throws Exception {
    byte[] config = "{\"cli\":true}".getBytes(StandardCharsets.UTF_8);
    Digest c = Digest.sha256(config);
    client.pushBlob(repo, c, config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + c + "\",\"size\":" + config.length
        + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    return client.putManifest(repo, tag, manifest, MediaTypes.OCI_MANIFEST);
  }
}
