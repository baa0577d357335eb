package dev.signet.sigstore.ca;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PEM writing: 64-column base64 lines, a trailing newline (the form Fulcio returns and Rekor stores). */
public final class Pems {
  private static final Base64.Encoder B64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

  private Pems() {}

  public static String encode(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + B64.encodeToString(der) + "\n-----END " + label + "-----\n";
  }

  public static String certificate(X509Certificate c) {
    try {
      return encode("CERTIFICATE", c.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate re-encodes", e);
    }
  }
}
