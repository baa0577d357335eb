package dev.signet.cli.keyless;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Keyless signatures made by someone else's code: {@code oracles/sigstore-mock/sign-image.js} runs the
 * real {@code @sigstore/sign} client against {@code @sigstore/mock}'s Fulcio, Rekor v1 and TSA, served on
 * 127.0.0.1 for one run, and writes the run's trusted root. Tests skip (visibly) when Node.js or the
 * pinned packages are unavailable.
 */
public final class MockSigstore {
  public static final String ISSUER = "https://oidc.mock.local";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object INSTALL = new Object();

  /** One run's output: the trusted root, its CA root (PEM) and the bundles. */
  public record Signed(Path trustedRoot, Path caPem, Path imageBundle, Optional<Path> payloadBundle) {}

  private MockSigstore() {}

  /**
   * Signs {@code digest} (an in-toto statement as cosign v3 makes it, in a v0.3 DSSE bundle) and, when
   * given, {@code payload} as a message (for a legacy {@code .sig}), as {@code identity} from {@link #ISSUER}.
   */
  public static Signed sign(Path out, Digest digest, String repository, String identity, Optional<Path> payload) {
    Path dir = directory();
    Map<String, String> spec = new LinkedHashMap<>();
    spec.put("digest", digest.toString());
    spec.put("repository", repository);
    spec.put("identity", identity);
    spec.put("issuer", ISSUER);
    payload.ifPresent(p -> spec.put("payload", p.toAbsolutePath().toString()));
    String specJson;
    try {
      specJson = JSON.writeValueAsString(spec);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Processes.run(List.of("node", dir.resolve("sign-image.js").toString(), out.toAbsolutePath().toString(), specJson),
        Duration.ofSeconds(120)).requireSuccess();
    return new Signed(out.resolve("trusted_root.json"), out.resolve("ca.pem"), out.resolve("image.sigstore.json"),
        payload.map(p -> out.resolve("payload.sigstore.json")));
  }

  /** {@code oracles/sigstore-mock} with its pinned packages installed ({@code npm ci} once), or a skip. */
  static Path directory() {
    Path dir = null;
    for (Path d = Paths.get("").toAbsolutePath(); d != null && dir == null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("oracles/sigstore-mock/sign-image.js"))) {
        dir = d.resolve("oracles/sigstore-mock");
      }
    }
    Assumptions.assumeTrue(dir != null, "SKIPPED: oracles/sigstore-mock not found above " + Paths.get("").toAbsolutePath());
    Assumptions.assumeTrue(nodeAvailable(), "SKIPPED: Node.js is not installed (needed for @sigstore/sign +"
        + " @sigstore/mock)");
    synchronized (INSTALL) {
      if (!Files.isRegularFile(dir.resolve("node_modules/@sigstore/mock/package.json"))) {
        Processes.Result npm = Processes.run(List.of("npm", "ci", "--prefix", dir.toString(), "--no-audit", "--no-fund",
            "--loglevel=error"), Duration.ofSeconds(600));
        Assumptions.assumeTrue(npm.succeeded(), "SKIPPED: npm ci in " + dir + " failed: " + npm.describe());
      }
    }
    return dir;
  }

  private static boolean nodeAvailable() {
    try {
      return Processes.run(Duration.ofSeconds(20), "node", "--version").succeeded();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
