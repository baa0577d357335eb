package dev.signet.sigstore.ca;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The CA's issuing key and certificate chain (issuing certificate first, root last).
 *
 * <p>From files: the key in the crypto module's encrypted key format (mode 0600) and a PEM chain. Or
 * generated into a data directory on first start: an ECDSA P-384 root ({@code O=<org>, CN=sigstore},
 * 10 years, keyCertSign+cRLSign) and an ECDSA P-384 intermediate ({@code CN=sigstore-intermediate},
 * pathlen 0, EKU codeSigning) whose key is stored as {@code ca/key.pem}, the chain as
 * {@code ca/chain.pem}. The root's private key is discarded after signing the intermediate (the root is
 * only ever a trust anchor; rotation makes a new one).
 *
 * @param signer the issuing key (software or PKCS#11, see {@link Pkcs11Keys})
 * @param chain issuing certificate first, root last
 */
public record CaKeys(CaSigner signer, List<X509Certificate> chain) {
  static final int CA_KEY_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign;

  public CaKeys {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a CA chain needs at least the issuing certificate");
    }
    if (!java.util.Arrays.equals(chain.get(0).getPublicKey().getEncoded(), signer.publicKey().getEncoded())) {
      throw new IllegalArgumentException("the CA key does not belong to the first certificate of the chain ("
          + chain.get(0).getSubjectX500Principal().getName() + ")");
    }
  }

  /** The issuing certificate. */
  public X509Certificate issuer() {
    return chain.get(0);
  }

  /** The trust anchor. */
  public X509Certificate root() {
    return chain.get(chain.size() - 1);
  }

  /**
   * Loads an existing CA.
   *
   * @throws CaException ({@code INVALID_ARGUMENT}) naming the file that is wrong
   */
  public static CaKeys load(Path keyFile, char[] password, Path chainFile) throws CaException {
    PrivateKeyHandle key = EncryptedKeyFile.load(keyFile, password);
    List<X509Certificate> chain = readChain(chainFile);
    X509Certificate first = chain.get(0);
    if (!java.util.Arrays.equals(first.getPublicKey().getEncoded(), key.publicKey().getEncoded())) {
      throw CaException.invalid("CA key " + keyFile + " does not belong to the first certificate of " + chainFile
          + " (" + first.getSubjectX500Principal().getName() + ")");
    }
    if (first.getBasicConstraints() < 0) {
      throw CaException.invalid("first certificate of " + chainFile + " (" + first.getSubjectX500Principal().getName()
          + ") is not a CA certificate");
    }
    return new CaKeys(new CaSigner.Software(key), chain);
  }

  /** {@code dataDir/ca/key.pem} and {@code chain.pem} when present, else a new CA written there. */
  public static CaKeys loadOrGenerate(Path dataDir, char[] password, String organization, Clock clock)
      throws CaException {
    Path dir = dataDir.resolve("ca");
    Path keyFile = dir.resolve("key.pem");
    Path chainFile = dir.resolve("chain.pem");
    if (Files.exists(keyFile) || Files.exists(chainFile)) {
      return load(keyFile, password, chainFile);
    }
    CaKeys generated = generate(organization, clock.instant(), new SecureRandom());
    try {
      Files.createDirectories(dir);
      StringBuilder pem = new StringBuilder();
      for (X509Certificate c : generated.chain()) {
        pem.append(Pems.certificate(c));
      }
      Path tmp = dir.resolve("chain.pem.tmp");
      Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
      EncryptedKeyFile.store(keyFile, ((CaSigner.Software) generated.signer()).key(), password);
      Files.move(tmp, chainFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw CaException.internal("cannot write the new CA to " + dir + ": " + e.getMessage(), e);
    }
    return generated;
  }

  /** A new root and intermediate valid from {@code now} (minus a minute, for skewed verifiers) for 10 years. */
  public static CaKeys generate(String organization, Instant now, SecureRandom random) {
    Instant from = now.truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    Instant to = from.plus(3650, ChronoUnit.DAYS);
    PrivateKeyHandle rootKey = KeyGenerator.generate(SignatureAlgorithm.ECDSA_P384_SHA384, random);
    PrivateKeyHandle issuingKey = KeyGenerator.generate(SignatureAlgorithm.ECDSA_P384_SHA384, random);
    X500Name rootName = name(organization, "sigstore");
    X500Name issuingName = name(organization, "sigstore-intermediate");
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder rb = new JcaX509v3CertificateBuilder(rootName, serial(random), java.util.Date.from(from),
          java.util.Date.from(to), rootName, rootKey.publicKey());
      rb.addExtension(Extension.keyUsage, true, new KeyUsage(CA_KEY_USAGE));
      rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      rb.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(rootKey.publicKey()));
      X509Certificate root = sign(rb, new CaSigner.Software(rootKey));
      X509v3CertificateBuilder ib = new JcaX509v3CertificateBuilder(root, serial(random), java.util.Date.from(from),
          java.util.Date.from(to), issuingName, issuingKey.publicKey());
      ib.addExtension(Extension.keyUsage, true, new KeyUsage(CA_KEY_USAGE));
      ib.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      ib.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      ib.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(issuingKey.publicKey()));
      ib.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(root.getPublicKey()));
      X509Certificate intermediate = sign(ib, new CaSigner.Software(rootKey));
      return new CaKeys(new CaSigner.Software(issuingKey), List.of(intermediate, root));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("generating the CA chain failed", e);
    }
  }

  private static X500Name name(String organization, String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organization).addRDN(BCStyle.CN, commonName).build();
  }

  /** A random positive serial of at most 20 bytes (RFC 5280 §4.1.2.2). */
  static BigInteger serial(SecureRandom random) {
    byte[] b = new byte[20];
    random.nextBytes(b);
    b[0] &= 0x7f;
    b[0] |= 0x01; // never zero, never shorter than Fulcio's 160-bit serials by more than one bit
    return new BigInteger(1, b);
  }

  /** The JCA signature algorithm for certificates signed by {@code key}. */
  static String signatureAlgorithm(PublicKey key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> {
        int bits = ((java.security.interfaces.ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
        yield bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
      }
      case "RSA" -> "SHA256withRSA";
      default -> "Ed25519";
    };
  }

  static X509Certificate sign(X509v3CertificateBuilder builder, CaSigner signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(signer.contentSigner(signatureAlgorithm(signer.publicKey()))));
  }

  static List<X509Certificate> readChain(Path file) throws CaException {
    try {
      byte[] pem = Files.readAllBytes(file);
      List<X509Certificate> out = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw CaException.invalid("CA chain " + file + " holds no PEM certificate");
      }
      return out;
    } catch (IOException e) {
      throw CaException.invalid("cannot read CA chain " + file + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw CaException.invalid("CA chain " + file + " is not a PEM certificate chain: " + e.getMessage());
    }
  }
}
