import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.signet.sigstore.ca.CaConfig;
import dev.signet.sigstore.ca.CertificateRequest;
import dev.signet.sigstore.ca.FulcioService;
import dev.signet.sigstore.ca.Identity;
import dev.signet.sigstore.ca.Pems;
import dev.signet.sigstore.ca.oidc.HttpFetcher;
import dev.signet.sigstore.ca.oidc.IssuerType;
import dev.signet.sigstore.ca.oidc.OidcIssuer;
import dev.signet.sigstore.ca.oidc.Principals;
import dev.signet.sigstore.ca.oidc.VerifiedToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificate issuances per second of the keyless CA, in process (no HTTP), data directory on disk.
 *
 * <pre>java -cp CLASSPATH CaBench DATA_DIR SECONDS THREADS</pre>
 *
 * Prints {@code key value} lines: {@code issue_per_s} (CertificateAuthority.issue: precertificate
 * signed, logged in the CT log with fsync, SCT embedded, final certificate signed; one thread),
 * {@code signing_cert_per_s} (FulcioService.signingCertificate: RS256 ID-token verification with a
 * cached JWKS, identity, proof of possession, issue; one thread) and {@code signing_cert_threads_per_s}
 * (the same on THREADS threads). Wall-clock rates after a warm-up of SECONDS.
 */
public final class CaBench {
  interface Work {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    double seconds = Double.parseDouble(args[1]);
    int threads = Integer.parseInt(args[2]);
    RSAKey jwk = new RSAKeyGenerator(2048).keyID("bench").generate();
    String iss = "https://oidc.bench.test";
    HttpFetcher fetcher = uri -> (uri.getPath().endsWith("openid-configuration")
        ? "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + iss + "/jwks\"}"
        : "{\"keys\":[" + jwk.toPublicJWK().toJSONString() + "]}").getBytes(StandardCharsets.UTF_8);
    CaConfig config = new CaConfig(data, "bench".toCharArray(), null, null,
        List.of(OidcIssuer.of(iss, IssuerType.EMAIL)), "bench", fetcher, Clock.systemUTC(), null, null);
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(iss).subject("u1").audience("sigstore")
        .claim("email", "bench@signet.test").claim("email_verified", true).issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(), claims);
    jwt.sign(new RSASSASigner(jwk));
    String token = jwt.serialize();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair key = g.generateKeyPair();
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update("bench@signet.test".getBytes(StandardCharsets.UTF_8));
    CertificateRequest request = new CertificateRequest.PublicKeyRequest(
        Pems.encode("PUBLIC KEY", key.getPublic().getEncoded()), s.sign());
    try (FulcioService service = FulcioService.open(config)) {
      Identity identity = Principals.identity(new VerifiedToken(OidcIssuer.of(iss, IssuerType.EMAIL), claims));
      out("issue_per_s", rate(seconds, 1, () -> service.ca().issue(identity, key.getPublic())));
      out("signing_cert_per_s", rate(seconds, 1, () -> service.signingCertificate(token, request)));
      out("signing_cert_threads_per_s", rate(seconds, threads, () -> service.signingCertificate(token, request)));
      out("ct_log_entries", service.ctLog().size());
    }
  }

  private static void out(String k, double v) {
    System.out.printf("%s %.1f%n", k, v);
  }

  private static double rate(double seconds, int threads, Work w) throws Exception {
    run(seconds, threads, w);
    return run(seconds, threads, w);
  }

  private static double run(double seconds, int threads, Work w) throws Exception {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    Thread[] ts = new Thread[threads];
    Exception[] failure = new Exception[1];
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      ts[i] = new Thread(() -> {
        try {
          while (System.nanoTime() < end) {
            w.run();
            done.incrementAndGet();
          }
        } catch (Exception e) {
          failure[0] = e;
        }
      });
      ts[i].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }
}
