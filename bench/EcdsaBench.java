import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Random;

/**
 * ECDSA P-256 (SHA256withECDSA) sign and verify rates on one thread, for comparison with
 * {@code openssl speed ecdsap256}. Run as a single-file program:
 *
 * <pre>java [JVM flags] [-cp signet.jar] bench/EcdsaBench.java JDK|BC [seconds]</pre>
 *
 * Each operation gets a fresh {@link Signature} from {@code Signature.getInstance}, as Signet's
 * {@code dev.signet.crypto.internal.Jca#verify} does. The message is 400 bytes, about the size of the
 * DSSE pre-authentication encoding of a cosign sign statement. Each loop first runs for
 * {@code seconds} untimed (JIT warm-up), then for {@code seconds} timed; rates are per second of the
 * thread's CPU user time, like {@code openssl speed}'s. BC needs BouncyCastle on the
 * class path (Signet's shaded jar has it).
 */
public class EcdsaBench {
  private static volatile int sink;

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "JDK";
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    Provider provider = null;
    if (which.equals("BC")) {
      provider = (Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider")
          .getConstructor().newInstance();
    } else if (!which.equals("JDK")) {
      throw new IllegalArgumentException("provider must be JDK or BC");
    }
    KeyPairGenerator g = provider == null ? KeyPairGenerator.getInstance("EC") : KeyPairGenerator.getInstance("EC", provider);
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    byte[] msg = new byte[400];
    new Random(1).nextBytes(msg);
    final Provider p = provider;
    Op sign = () -> {
      Signature s = p == null ? Signature.getInstance("SHA256withECDSA") : Signature.getInstance("SHA256withECDSA", p);
      s.initSign(kp.getPrivate());
      s.update(msg);
      return s.sign().length;
    };
    byte[] sig;
    {
      Signature s = p == null ? Signature.getInstance("SHA256withECDSA") : Signature.getInstance("SHA256withECDSA", p);
      s.initSign(kp.getPrivate());
      s.update(msg);
      sig = s.sign();
    }
    Op verify = () -> {
      Signature s = p == null ? Signature.getInstance("SHA256withECDSA") : Signature.getInstance("SHA256withECDSA", p);
      s.initVerify(kp.getPublic());
      s.update(msg);
      if (!s.verify(sig)) {
        throw new IllegalStateException("signature did not verify");
      }
      return 1;
    };
    String providerName = (p == null ? Signature.getInstance("SHA256withECDSA")
        : Signature.getInstance("SHA256withECDSA", p)).getProvider().getName();
    rate(verify, seconds); // warm-up
    double verifyRate = rate(verify, seconds);
    rate(sign, seconds); // warm-up
    double signRate = rate(sign, seconds);
    System.out.printf("provider=%s java=%s verify_per_s=%.1f sign_per_s=%.1f%n", providerName,
        System.getProperty("java.vm.version"), verifyRate, signRate);
  }

  interface Op {
    int run() throws Exception;
  }

  /**
   * Operations per second of this thread's CPU user time, as {@code openssl speed} divides by CPU user
   * time (unless given {@code -elapsed}): on a busy machine both figures then count only the time the
   * measuring thread actually ran. Runs for {@code seconds} of that time.
   */
  private static double rate(Op op, double seconds) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long budget = (long) (seconds * 1e9);
    long start = mx.getCurrentThreadUserTime();
    long now = start;
    long count = 0;
    int acc = 0;
    while (now - start < budget) {
      for (int i = 0; i < 16; i++) {
        acc += op.run();
      }
      count += 16;
      now = mx.getCurrentThreadUserTime();
    }
    sink = acc;
    return count / ((now - start) / 1e9);
  }
}
