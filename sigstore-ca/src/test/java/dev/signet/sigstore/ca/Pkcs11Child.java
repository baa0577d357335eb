package dev.signet.sigstore.ca;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Child process of {@link Pkcs11CaTest} (it needs {@code SOFTHSM2_CONF} in its environment): generates
 * the issuing key inside the token, certifies it with a software root, stores it under alias {@code ca},
 * then opens the CA on the token and issues one certificate. Writes chain.pem and leaf.pem into DIR and
 * prints {@code signer …}, {@code wrongpin …} and {@code noalias …} lines.
 */
public final class Pkcs11Child {
  public static void main(String[] args) throws Exception {
    Path cfg = Path.of(args[0]);
    Path dir = Path.of(args[1]);
    char[] pin = "1234".toCharArray();
    // first, before anything logs in (a PKCS#11 login holds for the whole process)
    Path chainFile = dir.resolve("chain.pem");
    report("wrongpin", () -> FulcioService.open(CaConfig.of(dir.resolve("d2"), "pw".toCharArray(), List.of())
        .withPkcs11(new CaConfig.Pkcs11(cfg, "ca", "9999".toCharArray()), chainFile)).close());
    Provider p = Security.getProvider("SunPKCS11").configure(cfg.toString());
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", p);
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyStore ks = KeyStore.getInstance("PKCS11", p);
    ks.load(null, pin);
    KeyPair issuing = g.generateKeyPair();
    KeyPairGenerator sw = KeyPairGenerator.getInstance("EC");
    sw.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair rootKey = sw.generateKeyPair();
    X500Name rootName = new X500Name("O=signet,CN=hsm root");
    Date from = Date.from(Instant.now().minusSeconds(60));
    Date to = Date.from(Instant.now().plusSeconds(86400));
    JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
    var rb = new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, from, to, rootName, rootKey.getPublic());
    rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    rb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    rb.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(rootKey.getPublic()));
    X509Certificate root = new JcaX509CertificateConverter().getCertificate(
        rb.build(new JcaContentSignerBuilder("SHA384withECDSA").build(rootKey.getPrivate())));
    var ib = new JcaX509v3CertificateBuilder(root, BigInteger.TWO, from, to, new X500Name("O=signet,CN=hsm intermediate"),
        issuing.getPublic());
    ib.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    ib.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    ib.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(issuing.getPublic()));
    ib.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(root.getPublicKey()));
    X509Certificate intermediate = new JcaX509CertificateConverter().getCertificate(
        ib.build(new JcaContentSignerBuilder("SHA384withECDSA").build(rootKey.getPrivate())));
    ks.setKeyEntry("ca", issuing.getPrivate(), null, new Certificate[] {intermediate, root});
    Path chain = Files.writeString(chainFile, Pems.certificate(intermediate) + Pems.certificate(root));

    CaConfig config = CaConfig.of(dir.resolve("data"), "pw".toCharArray(), List.of())
        .withPkcs11(new CaConfig.Pkcs11(cfg, "ca", pin), chain);
    try (FulcioService service = FulcioService.open(config)) {
      System.out.println("signer " + service.ca().getClass().getSimpleName() + " " + signerOf(service));
      KeyPair subject = TestKeys.p256();
      Identity id = new Identity("https://oidc.signet.test", Identity.SanType.EMAIL, "hsm@signet.test",
          "hsm@signet.test", List.of(new FulcioExtension(1, "https://oidc.signet.test"),
              new FulcioExtension(8, "https://oidc.signet.test")));
      IssuedCertificate c = service.ca().issue(id, subject.getPublic());
      Files.writeString(dir.resolve("leaf.pem"), Pems.certificate(c.leaf()));
    }
    report("noalias", () -> FulcioService.open(CaConfig.of(dir.resolve("d3"), "pw".toCharArray(), List.of())
        .withPkcs11(new CaConfig.Pkcs11(cfg, "missing", pin), chain)).close());
    System.out.flush();
    System.exit(0);
  }

  interface Step {
    void run() throws Exception;
  }

  private static void report(String name, Step s) {
    try {
      s.run();
      System.out.println(name + " accepted");
    } catch (Exception e) {
      System.out.println(name + " " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String signerOf(FulcioService service) throws Exception {
    var f = CertificateAuthority.class.getDeclaredField("keys");
    f.setAccessible(true);
    return ((CaKeys) f.get(service.ca())).signer().getClass().getSimpleName();
  }
}
