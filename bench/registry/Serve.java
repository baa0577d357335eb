import dev.signet.registry.server.RegistryServer;
import java.nio.file.Path;

/**
 * The Signet registry with the bisection knobs of bench/registry/run.sh, run from the CLI jar:
 * {@code java -cp cli/target/signet.jar bench/registry/Serve.java PORT DATA_DIR [key=value…]} with keys
 * {@code virtualThreads} (true|false), {@code minDataRate} (bytes/s, 0 = off), {@code http2} (true|false).
 */
public final class Serve {
  public static void main(String[] args) throws Exception {
    RegistryServer.Builder b = RegistryServer.builder().port(Integer.parseInt(args[0])).dataDir(Path.of(args[1]));
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      switch (kv[0]) {
        case "virtualThreads" -> b.virtualThreads(Boolean.parseBoolean(kv[1]));
        case "minDataRate" -> b.minDataRate(Long.parseLong(kv[1]));
        case "http2" -> b.http2(Boolean.parseBoolean(kv[1]));
        default -> throw new IllegalArgumentException("unknown knob " + kv[0]);
      }
    }
    RegistryServer server = b.build().start();
    System.out.println("Signet registry listening on " + server.url() + " " + String.join(" ", args));
    Thread.currentThread().join();
  }
}
