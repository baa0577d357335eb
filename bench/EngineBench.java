import dev.signet.bundle.SigstoreBundle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.verify.Artifact;
import dev.signet.verify.SigstoreVerifier;
import dev.signet.verify.VerificationPolicy;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.tlog.WitnessPolicy;
import dev.signet.verify.x509.IdentityPolicy;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verification engine alone, one thread: bundles verified per second, on real bundles from
 * {@code @sigstore/sign} (the sigstore-js vectors), with no I/O in the timed loop.
 *
 * <pre>java -cp CLASSPATH EngineBench VECTORS_DIR SECONDS</pre>
 *
 * Prints {@code key value} lines: {@code keyless_per_s} (a keyless message-signature bundle: Fulcio
 * chain, embedded SCT, Rekor v1 SET + inclusion proof + checkpoint, identity, signature; the same bundle
 * every time, so its checkpoint is a hit of the verified-checkpoint cache, as for bundles that share
 * one), {@code keyless_own_checkpoint_per_s} (the same with that cache off: every bundle with a
 * checkpoint of its own),
 * {@code keyless_tsa_per_s} (the same with an RFC 3161 timestamp), {@code key_per_s} (a public-key
 * bundle, thresholds 0). Rates are per CPU second of this thread, after every workload has been warmed up
 * for the same length.
 */
public final class EngineBench {
  interface Work {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path v = Path.of(args[0], "sigstore-js");
    double seconds = Double.parseDouble(args[1]);
    Path uri = v.resolve("mock-keyless-uri");
    TrustedRoot root = TrustedRootParser.parse(Files.readAllBytes(uri.resolve("trusted_root.json")));
    byte[] artifactBytes = Files.readAllBytes(uri.resolve("artifact.txt"));
    Artifact artifact = Artifact.of(artifactBytes);
    SigstoreVerifier keyless = new SigstoreVerifier(root);
    VerificationPolicy identity = VerificationPolicy.forIdentity(IdentityPolicy.of(
        IdentityPolicy.Identity.exact("https://signer.example.com/ci", "https://oidc.mock.local")));
    SigstoreBundle notsa = SigstoreBundle.parse(Files.readAllBytes(uri.resolve("bundle-blob-rekor-v1-notsa.json")));
    SigstoreBundle tsa = SigstoreBundle.parse(Files.readAllBytes(uri.resolve("bundle-blob-rekor-v1-tsa.json")));

    Path pk = v.resolve("pubkey");
    SigstoreVerifier keyMode = new SigstoreVerifier(TrustedRoot.empty());
    VerificationPolicy key = VerificationPolicy.forKey(PublicKeys.parse(Files.readAllBytes(pk.resolve("key.pub.pem")), "key.pub.pem"))
        .withTlogThreshold(0).withTimestampThreshold(0);
    Artifact blob = Artifact.of(Files.readAllBytes(pk.resolve("blob.txt")));
    SigstoreBundle keyBundle = SigstoreBundle.parse(Files.readAllBytes(pk.resolve("bundle-pubkey-v03.sigstore.json")));

    SigstoreVerifier noCheckpointCache = new SigstoreVerifier(root, WitnessPolicy.none(), Clock.systemUTC(), 0);
    Map<String, Work> work = new LinkedHashMap<>();
    work.put("keyless_per_s", () -> keyless.verify(notsa, artifact, identity));
    work.put("keyless_own_checkpoint_per_s", () -> noCheckpointCache.verify(notsa, artifact, identity));
    work.put("keyless_tsa_per_s", () -> keyless.verify(tsa, artifact, identity));
    work.put("key_per_s", () -> keyMode.verify(keyBundle, blob, key));
    for (Work w : work.values()) { // every path compiled before any is measured (order would matter otherwise)
      run(seconds, w);
    }
    for (Map.Entry<String, Work> e : work.entrySet()) {
      long[] r = run(seconds, e.getValue());
      System.out.printf("%s %.1f%n", e.getKey(), r[0] / (r[1] / 1e9));
    }
  }

  /** {operations, CPU nanoseconds of this thread}. */
  private static long[] run(double seconds, Work work) throws Exception {
    var bean = ManagementFactory.getThreadMXBean();
    long cpu0 = bean.getCurrentThreadCpuTime();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long n = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 16; i++) {
        work.run();
      }
      n += 16;
    }
    return new long[] {n, bean.getCurrentThreadCpuTime() - cpu0};
  }
}
