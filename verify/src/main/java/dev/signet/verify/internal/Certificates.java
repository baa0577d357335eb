package dev.signet.verify.internal;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Certificate parsing with BouncyCastle (an instance, not a registered provider): the JDK rejects
 * critical SANs that are not absolute URIs (such as {@code signer@example.com} as a URI), which must
 * fail by identity policy instead.
 */
public final class Certificates {
  static final Provider BC = new BouncyCastleProvider();

  private Certificates() {}

  /** A DER certificate; {@code what} names it in the message. */
  public static X509Certificate parse(byte[] der, String what) throws VerificationException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509", BC)
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new VerificationException(Check.FORMAT, what + " is not a valid X.509 certificate");
    }
  }

  /** Every {@code CERTIFICATE} block of a PEM text, in order. */
  public static List<X509Certificate> parsePem(String pem, String what) throws VerificationException {
    List<X509Certificate> out = new ArrayList<>();
    String begin = "-----BEGIN CERTIFICATE-----";
    String end = "-----END CERTIFICATE-----";
    int from = 0;
    while (true) {
      int b = pem.indexOf(begin, from);
      if (b < 0) {
        break;
      }
      int e = pem.indexOf(end, b);
      if (e < 0) {
        throw new VerificationException(Check.FORMAT, what + " has a truncated PEM certificate");
      }
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e).getBytes(StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException ex) {
        throw new VerificationException(Check.FORMAT, what + " has a PEM certificate that is not base64");
      }
      out.add(parse(der, what + " certificate " + (out.size() + 1)));
      from = e + end.length();
    }
    return out;
  }
}
