package dev.signet.sigstore.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.sigstore.ca.ct.CtLog;
import dev.signet.verify.root.ValidityWindow;
import dev.signet.verify.x509.CertificateAuthorities;
import dev.signet.verify.x509.CertificateChainVerifier;
import dev.signet.verify.x509.CertificatePurpose;
import dev.signet.verify.x509.Certificates;
import dev.signet.verify.x509.SctVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CA with its issuing key on a PKCS#11 token (SoftHSM 2 through the JDK's SunPKCS11): a certificate
 * issued by the token key verifies in Signet's engine (chain and SCT); a wrong PIN and an unknown alias
 * are clear errors. Skips when SoftHSM is not installed ({@code apt-get install softhsm2}).
 */
class Pkcs11CaTest {
  private static final Path LIB = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  private static final Path UTIL = Path.of("/usr/bin/softhsm2-util");

  @TempDir
  Path dir;

  @Test
  void caKeyOnASoftHsmToken() throws Exception {
    if (!Files.isExecutable(UTIL) || !Files.exists(LIB)) {
      System.err.println("SKIPPED: SoftHSM 2 not installed (apt-get install softhsm2)");
    }
    Assumptions.assumeTrue(Files.isExecutable(UTIL) && Files.exists(LIB), "SKIPPED: SoftHSM 2 not installed");
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    Path conf = Files.writeString(dir.resolve("softhsm2.conf"),
        "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    ProcessBuilder init = new ProcessBuilder(UTIL.toString(), "--init-token", "--free", "--label", "signet-ca",
        "--pin", "1234", "--so-pin", "5678").redirectErrorStream(true);
    init.environment().put("SOFTHSM2_CONF", conf.toString());
    Process ip = init.start();
    String initOut = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, ip.waitFor(), initOut);
    Matcher m = Pattern.compile("slot (\\d+)").matcher(initOut);
    assertTrue(m.find(), initOut);
    Path cfg = Files.writeString(dir.resolve("pkcs11.cfg"), "name = SoftHSM\nlibrary = " + LIB + "\nslot = "
        + m.group(1) + "\n");

    ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Pkcs11Child.class.getName(), cfg.toString(), dir.toString())
        .redirectErrorStream(true);
    child.environment().put("SOFTHSM2_CONF", conf.toString());
    Process cp = child.start();
    String out = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(cp.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, cp.exitValue(), out);
    assertTrue(out.contains("signer CertificateAuthority Token"), out);
    assertTrue(out.matches("(?s).*wrongpin CaException: cannot log in to the PKCS#11 token.*"), out);
    assertTrue(out.matches("(?s).*noalias CaException: PKCS#11 token of .* has no private key 'missing'.*"), out);

    List<X509Certificate> chain = Certificates.fromPem(Files.readAllBytes(dir.resolve("chain.pem")), "chain");
    X509Certificate leaf = Certificates.fromPem(Files.readAllBytes(dir.resolve("leaf.pem")), "leaf").get(0);
    var ca = CertificateAuthorities.of(List.of(chain.get(1)), List.of(chain.get(0)), "hsm");
    var path = CertificateChainVerifier.verifyPath(leaf, List.of(), ca, leaf.getNotBefore().toInstant(),
        CertificatePurpose.CODE_SIGNING);
    assertEquals(chain.get(0), path.issuer());
    try (CtLog log = CtLog.open(dir.resolve("data/ct"), "pw".toCharArray(), List.of(chain.get(1)), Clock.systemUTC())) {
      var ctlog = new dev.signet.verify.root.TransparencyLog("https://ct.signet.test", log.logId(), log.publicKey(),
          "PKIX_ECDSA_P256_SHA_256", ValidityWindow.from(log.validFrom()));
      assertEquals(1, SctVerifier.verify(leaf, chain.get(0), List.of(ctlog), 1));
    }
  }
}
