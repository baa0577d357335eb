import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.Verifier;
import dev.signet.crypto.Verifiers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;

/**
 * One-thread rates of the crypto Signet uses, next to the alternatives it chose between, for
 * comparison with {@code openssl speed} (bench/crypto.sh runs both). Single-file program:
 *
 * <pre>java [JVM flags] -cp CLASSPATH bench/CryptoBench.java SECONDS FIGURE...</pre>
 *
 * CLASSPATH holds Signet's crypto classes and BouncyCastle (signet.jar has both). Rate figures:
 * each runs SECONDS untimed (JIT warm-up), then SECONDS timed, and prints operations per second of
 * this thread's CPU user time ({@code openssl speed} also divides by user time). The message is 400
 * bytes, about a DSSE pre-authentication encoding of a cosign statement.
 *
 * <ul>
 *   <li>{@code ecdsa.sunec}: SunEC SHA256withECDSA, a fresh {@code Signature} per operation (what
 *       Signet did before).
 *   <li>{@code ecdsa.signet}: one {@code Verifiers.from(key)} verifier reused (after its warm-up it
 *       verifies with comb tables). {@code ecdsa.signet_fresh}: a new verifier per operation, as
 *       callers that do not keep verifiers get. {@code ecdsa.bc}: BouncyCastle's {@code
 *       ECDSASigner} alone on the custom P-256 curve.
 *   <li>{@code ecdsa_sign.signet}: Signet's signer (SunEC, constant-time). {@code
 *       ed25519.jdk|signet}, {@code rsa2048.jdk|signet|bc}: verification.
 *   <li>{@code scrypt.signet|bc:N}: milliseconds of CPU time per derive (r=8, p=1, 32 bytes):
 *       the first call in this JVM, then the median of 5 more.
 * </ul>
 *
 * Output: one {@code key value} line per figure.
 */
public class CryptoBench {
  private static volatile int sink;

  interface Op {
    int run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    double seconds = Double.parseDouble(args[0]);
    List<String> figures = Arrays.asList(args).subList(1, args.length);
    byte[] msg = new byte[400];
    new Random(1).nextBytes(msg);
    Map<String, Op> ops = new LinkedHashMap<>();

    PrivateKeyHandle ec = KeyGenerator.generate(SignatureAlgorithm.ECDSA_P256_SHA256, new SecureRandom());
    Signer ecSigner = Signers.from(ec);
    byte[] ecSig = ecSigner.sign(msg);
    Verifier ecVerifier = Verifiers.from(ec.publicKey());
    ops.put("ecdsa.sunec", () -> {
      Signature s = Signature.getInstance("SHA256withECDSA", "SunEC");
      s.initVerify(ec.publicKey());
      s.update(msg);
      return check(s.verify(ecSig));
    });
    ops.put("ecdsa.signet", () -> {
      ecVerifier.verify(msg, ecSig);
      return 1;
    });
    ops.put("ecdsa.signet_fresh", () -> {
      Verifiers.from(ec.publicKey()).verify(msg, ecSig);
      return 1;
    });
    X9ECParameters x9 = CustomNamedCurves.getByName("secp256r1");
    ECDomainParameters dom = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    java.security.spec.ECPoint w = ((ECPublicKey) ec.publicKey()).getW();
    ECPublicKeyParameters bcKey =
        new ECPublicKeyParameters(x9.getCurve().validatePoint(w.getAffineX(), w.getAffineY()), dom);
    org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(ecSig);
    java.math.BigInteger r = org.bouncycastle.asn1.ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
    java.math.BigInteger s = org.bouncycastle.asn1.ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
    ops.put("ecdsa.bc", () -> {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(msg);
      ECDSASigner v = new ECDSASigner();
      v.init(false, bcKey);
      return check(v.verifySignature(h, r, s));
    });
    ops.put("ecdsa_sign.signet", () -> ecSigner.sign(msg).length);

    PrivateKeyHandle ed = KeyGenerator.generate(SignatureAlgorithm.ED25519, new SecureRandom());
    byte[] edSig = Signers.from(ed).sign(msg);
    Verifier edVerifier = Verifiers.from(ed.publicKey());
    ops.put("ed25519.jdk", () -> {
      Signature v = Signature.getInstance("Ed25519", "SunEC");
      v.initVerify(ed.publicKey());
      v.update(msg);
      return check(v.verify(edSig));
    });
    ops.put("ed25519.signet", () -> {
      edVerifier.verify(msg, edSig);
      return 1;
    });

    KeyPairGenerator rg = KeyPairGenerator.getInstance("RSA");
    rg.initialize(2048);
    KeyPair rsa = rg.generateKeyPair();
    Signature rs = Signature.getInstance("SHA256withRSA");
    rs.initSign(rsa.getPrivate());
    rs.update(msg);
    byte[] rsaSig = rs.sign();
    Verifier rsaVerifier = Verifiers.from(rsa.getPublic());
    RSAPublicKey rp = (RSAPublicKey) rsa.getPublic();
    RSAKeyParameters bcRsa = new RSAKeyParameters(false, rp.getModulus(), rp.getPublicExponent());
    ops.put("rsa2048.jdk", () -> {
      Signature v = Signature.getInstance("SHA256withRSA");
      v.initVerify(rsa.getPublic());
      v.update(msg);
      return check(v.verify(rsaSig));
    });
    ops.put("rsa2048.signet", () -> {
      rsaVerifier.verify(msg, rsaSig);
      return 1;
    });
    ops.put("rsa2048.bc", () -> {
      RSADigestSigner v = new RSADigestSigner(new SHA256Digest());
      v.init(false, bcRsa);
      v.update(msg, 0, msg.length);
      return check(v.verifySignature(rsaSig));
    });

    System.out.println("java " + System.getProperty("java.vm.version"));
    for (String f : figures) {
      if (f.startsWith("scrypt.")) {
        scrypt(f);
        continue;
      }
      Op op = ops.get(f);
      if (op == null) {
        throw new IllegalArgumentException("unknown figure " + f + "; known: " + ops.keySet());
      }
      rate(op, seconds);
      System.out.printf("%s %.1f%n", f, rate(op, seconds));
    }
  }

  private static int check(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("signature did not verify");
    }
    return 1;
  }

  /** {@code scrypt.IMPL:N}: CPU ms of the first derive in this JVM, then the median of 5 more. */
  private static void scrypt(String figure) throws Exception {
    String impl = figure.substring("scrypt.".length(), figure.indexOf(':'));
    int n = Integer.parseInt(figure.substring(figure.indexOf(':') + 1));
    byte[] pass = "signet-bench".getBytes();
    byte[] salt = "0123456789abcdef0123456789abcdef".getBytes();
    Method signet = Class.forName("dev.signet.crypto.internal.Scrypt")
        .getMethod("derive", byte[].class, byte[].class, int.class, int.class, int.class, int.class);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<Double> ms = new ArrayList<>();
    byte[] first = null;
    for (int i = 0; i < 6; i++) {
      long t0 = mx.getCurrentThreadCpuTime();
      byte[] k = impl.equals("bc") ? SCrypt.generate(pass, salt, n, 8, 1, 32)
          : (byte[]) signet.invoke(null, pass, salt, n, 8, 1, 32);
      ms.add((mx.getCurrentThreadCpuTime() - t0) / 1e6);
      first = first == null ? k : first;
      if (!Arrays.equals(first, k)) {
        throw new IllegalStateException("scrypt is not deterministic");
      }
    }
    List<Double> warm = new ArrayList<>(ms.subList(1, ms.size()));
    warm.sort(null);
    System.out.printf("%s.first_ms %.1f%n%s.warm_ms %.1f%n", figure, ms.get(0), figure, warm.get(2));
  }

  /** Operations per second of this thread's CPU user time, running for {@code seconds} of it. */
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
