package dev.signet.cli.command.demo;

import dev.signet.cli.CliContext;
import dev.signet.cli.Main;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.internal.Transport;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run for the launcher's ahead-of-time cache: the commands a user runs one at a time
 * ({@code version}, {@code --help}, key generation, {@code sign} in both formats, {@code verify} that
 * passes and one that fails, {@code tree}, {@code triangulate}), each through {@link Main#run} as a
 * separate invocation would, against a registry running in <em>another</em> process, so the cache holds
 * the client's classes and not the server's. Not a user command: {@code ./signet} runs it once per build.
 *
 * <p>Arguments: {@code HOST:PORT} of a running registry, and a scratch directory; or {@code version} alone
 * for the launcher's second, small cache used by {@code signet version} (that command only).
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("version")) {
      // The launcher's small cache for `signet version` alone: just that command, nothing it does not load.
      PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
      Main.run(new String[] {"version"}, new CliContext(Map.of(), new ByteArrayInputStream(new byte[0]), sink,
          sink, Path.of("").toAbsolutePath(), Clock.systemUTC(), false));
      return;
    }
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: AotTraining HOST:PORT SCRATCH_DIR | AotTraining version");
    }
    String host = args[0];
    Path dir = Files.createDirectories(Path.of(args[1]));
    Repository repo = Repository.parse(host + "/training/app");
    Digest digest;
    // The push goes through java.net.http (the wire bulk commands move to); the commands below use the
    // HTTP/1.1 socket wire that one-shot commands keep.
    try (HttpRegistryClient client = HttpRegistryClient.builder().userAgent("signet-aot-training")
        .transport(Transport.Mode.JDK).build()) {
      digest = DemoImage.push(client, repo, "v1", "trained\n");
    }
    String image = repo + "@" + digest;
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("COSIGN_PASSWORD", "");
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    CliContext ctx = new CliContext(Map.copyOf(env), new ByteArrayInputStream(new byte[0]), sink, sink, dir,
        Clock.systemUTC(), false);
    List<List<String>> runs = List.of(
        List.of("version"),
        List.of("--help"),
        List.of("verify", "--help"),
        List.of("generate-key-pair", "-y"),
        List.of("generate-key-pair", "-y", "--output-key-prefix", "other"),
        List.of("public-key", "--key", "cosign.key"),
        List.of("sign", "--key", "cosign.key", "-y", "--tlog-upload=false", image),
        List.of("sign", "--key", "cosign.key", "-y", "--tlog-upload=false", "--new-bundle-format=false", image),
        List.of("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", image),
        List.of("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", "-o", "text", repo + ":v1"),
        List.of("verify", "--key", "other.pub", "--insecure-ignore-tlog=true", image),
        List.of("tree", image),
        List.of("triangulate", image));
    for (List<String> run : runs) {
      Main.run(run.toArray(String[]::new), ctx);
    }
  }
}
