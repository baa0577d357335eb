package dev.signet.testing.registry;

import dev.signet.testing.Processes;
import dev.signet.testing.oci.LayoutImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code skopeo} CLI as an independent registry client: copies OCI layouts into a registry and
 * reads back what Signet wrote. Plain HTTP and unverified TLS are always allowed (test registries
 * only), the policy check is skipped, and each call has a timeout. Failures throw with skopeo's stderr.
 */
public final class Skopeo {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private final String creds;

  private Skopeo(String creds) {
    this.creds = creds;
  }

  /** A skopeo runner without credentials; skips the calling test if skopeo is not installed. */
  public static Skopeo create() {
    assumeInstalled();
    return new Skopeo(null);
  }

  public static Optional<Path> binary() {
    return Processes.findExecutable("skopeo");
  }

  public static void assumeInstalled() {
    if (binary().isEmpty()) {
      String msg = "skopeo is not installed (apt-get install skopeo): skipping";
      System.err.println("[signet-testing] " + msg);
      Assumptions.abort(msg);
    }
  }

  /** The same runner sending {@code --creds user:password}. */
  public Skopeo withCredentials(String user, String password) {
    return new Skopeo(user + ":" + password);
  }

  /** Copies {@code oci:layoutDir:tag} to {@code destination} (e.g. {@code docker://host/repo:tag}). */
  public Processes.Result copy(Path layoutDir, String tag, String destination) {
    return copy(layoutDir, tag, destination, false);
  }

  /** Copies a fixture image (with {@code --all} for an index, so every platform is pushed). */
  public Processes.Result copy(LayoutImage image, String destination) {
    return copy(image.layout(), image.tag(), destination, !image.children().isEmpty());
  }

  private Processes.Result copy(Path layoutDir, String tag, String destination, boolean all) {
    List<String> args = new ArrayList<>(List.of("copy", "--dest-tls-verify=false"));
    if (all) {
      args.add("--all");
    }
    if (creds != null) {
      args.add("--dest-creds=" + creds);
    }
    args.add("oci:" + layoutDir.toAbsolutePath() + ":" + tag);
    args.add(destination);
    return run(args);
  }

  /** Pulls {@code source} (a docker:// reference) into {@code oci:layoutDir:tag}. */
  public Processes.Result pull(String source, Path layoutDir, String tag) {
    List<String> args = new ArrayList<>(List.of("copy", "--src-tls-verify=false"));
    if (creds != null) {
      args.add("--src-creds=" + creds);
    }
    args.add(source);
    args.add("oci:" + layoutDir.toAbsolutePath() + ":" + tag);
    return run(args);
  }

  /** {@code skopeo inspect --raw}: the exact manifest bytes the registry serves. */
  public byte[] inspectRaw(String reference) {
    return run(withCreds("inspect", "--raw", "--tls-verify=false", reference)).stdoutBytes();
  }

  /** {@code skopeo inspect}: skopeo's JSON summary (Digest, Architecture, Layers, …). */
  public String inspect(String reference) {
    return run(withCreds("inspect", "--tls-verify=false", reference)).stdout();
  }

  /** {@code skopeo list-tags}: JSON with a {@code Tags} array. */
  public String listTags(String repository) {
    return run(withCreds("list-tags", "--tls-verify=false", repository)).stdout();
  }

  public Processes.Result delete(String reference) {
    return run(withCreds("delete", "--tls-verify=false", reference));
  }

  /** Runs skopeo with these arguments and returns the result even if it failed. */
  public Processes.Result tryRun(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary().orElseThrow().toString());
    cmd.add("--insecure-policy");
    cmd.addAll(args);
    return Processes.run(cmd, TIMEOUT, Map.of(), null);
  }

  private Processes.Result run(List<String> args) {
    return tryRun(args).requireSuccess();
  }

  private List<String> withCreds(String... args) {
    List<String> out = new ArrayList<>(List.of(args));
    if (creds != null) {
      out.add(1, "--creds=" + creds);
    }
    return out;
  }
}
