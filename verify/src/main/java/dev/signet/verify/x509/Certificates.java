package dev.signet.verify.x509;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** X.509 helpers shared by the chain, SCT and timestamp checks: parsing, naming, validity. */
public final class Certificates {

  /**
   * BouncyCastle's certificate parser, not registered as a JCA provider: the JDK's rejects a URI SAN
   * without a scheme ({@code signer@example.com}, sigstore-js mock CA) while parsing the certificate.
   */
  private static final Provider BC = new BouncyCastleProvider();

  /** The JDK's X.509 factory, per thread (a factory instance is not thread-safe); stateless between calls. */
  private static final ThreadLocal<CertificateFactory> JDK = ThreadLocal.withInitial(() -> {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK lacks X.509", e);
    }
  });

  private Certificates() {}

  /**
   * The certificate factory every Sigstore certificate must be parsed with (see {@link #BC}); callers
   * that parse bundle certificates use this or {@link #fromDer}.
   */
  public static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509", BC);
    } catch (CertificateException e) {
      throw new IllegalStateException("BouncyCastle lacks X.509", e);
    }
  }

  /**
   * One DER certificate, parsed with {@link #factory()}.
   *
   * @throws VerificationException ({@link Check#FORMAT}) naming {@code what}
   */
  public static X509Certificate fromDer(byte[] der, String what) throws VerificationException {
    return fromDer(der, what, Check.FORMAT);
  }

  /** As {@link #fromDer(byte[], String)}, failing under {@code check} (trusted-root certificates: TRUST_ROOT). */
  public static X509Certificate fromDer(byte[] der, String what, Check check) throws VerificationException {
    if (der == null || der.length == 0) {
      throw new VerificationException(check, what + " is missing");
    }
    try {
      return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new VerificationException(check, what + " is not a DER X.509 certificate: " + e.getMessage());
    }
  }

  /**
   * One DER certificate for verification: the JDK's parser when it accepts the certificate (it keeps the
   * original TBS and encoding and decodes key, names and dates once: a certificate's accessors cost about
   * a third of BouncyCastle's, which re-encodes and re-decodes on every call), else BouncyCastle's as
   * {@link #fromDer(byte[], String, Check)} (the JDK rejects, e.g., a URI SAN without a scheme).
   *
   * @throws VerificationException under {@code check} when neither parses it
   */
  public static X509Certificate decode(byte[] der, String what, Check check) throws VerificationException {
    if (der != null && der.length > 0) {
      try {
        return (X509Certificate) JDK.get().generateCertificate(new ByteArrayInputStream(der));
      } catch (CertificateException | RuntimeException e) {
        // fall through to BouncyCastle, which reports the problem if it rejects the certificate too
      }
    }
    return fromDer(der, what, check);
  }

  /**
   * Every {@code CERTIFICATE} block of a PEM bundle, in order; other blocks are ignored.
   *
   * @throws VerificationException ({@link Check#TRUST_ROOT}) when a block does not parse or there is none
   */
  public static List<X509Certificate> fromPem(byte[] pem, String what) throws VerificationException {
    return fromPem(pem, what, Check.TRUST_ROOT);
  }

  /**
   * As {@link #fromPem(byte[], String)}, failing under {@code check} (bundle or annotation certificates:
   * FORMAT).
   */
  public static List<X509Certificate> fromPem(byte[] pem, String what, Check check) throws VerificationException {
    List<X509Certificate> out = new ArrayList<>();
    try (PemReader r = new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      for (PemObject o; (o = r.readPemObject()) != null; ) {
        if (!"CERTIFICATE".equals(o.getType())) {
          continue;
        }
        try {
          out.add((X509Certificate) factory().generateCertificate(new ByteArrayInputStream(o.getContent())));
        } catch (CertificateException | RuntimeException e) {
          throw new VerificationException(check,
              what + ": PEM certificate " + (out.size() + 1) + " does not parse: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new VerificationException(check, what + ": malformed PEM: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new VerificationException(check, what + ": no CERTIFICATE PEM block found");
    }
    return out;
  }

  /** {@code CN=…, serial …} or, for Fulcio's empty subject, {@code SAN …, serial …}. */
  public static String describe(X509Certificate c) {
    String subject = c.getSubjectX500Principal().getName();
    String name;
    if (!subject.isEmpty()) {
      name = subject;
    } else {
      List<String> sans = List.of();
      try {
        sans = SubjectAlternativeNames.parse(c).all();
      } catch (VerificationException e) {
        // described without SAN
      }
      name = sans.isEmpty() ? "(empty subject)" : "SAN " + sans.get(0);
    }
    return name + ", serial " + c.getSerialNumber().toString(16);
  }

  /** Null when {@code c} is valid at {@code at}, else why not. */
  static String validityProblem(X509Certificate c, Instant at) {
    Instant nb = c.getNotBefore().toInstant();
    Instant na = c.getNotAfter().toInstant();
    if (at.isBefore(nb)) {
      return "is not yet valid at " + at + " (valid " + nb + " to " + na + ")";
    }
    if (at.isAfter(na)) {
      return "expired before " + at + " (valid " + nb + " to " + na + ")";
    }
    return null;
  }

  /** The EKU OIDs, empty when the extension is absent. */
  static List<String> extendedKeyUsage(X509Certificate c) throws VerificationException {
    try {
      List<String> eku = c.getExtendedKeyUsage();
      return eku == null ? List.of() : eku;
    } catch (CertificateParsingException e) {
      throw new VerificationException(Check.FORMAT, "certificate " + describe(c) + ": malformed extended key usage");
    }
  }
}
