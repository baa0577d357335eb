package dev.signet.sign;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal PEM helpers for certificates passed as annotations or bundle material. */
public final class Pem {
  private static final Pattern CERT =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

  private Pem() {}

  public static byte[] firstCertificateDer(String pem) throws SigningException {
    Matcher m = CERT.matcher(pem);
    if (!m.find()) {
      throw new SigningException("the certificate is not a PEM CERTIFICATE block");
    }
    return Base64.getMimeDecoder().decode(m.group(1));
  }
}
