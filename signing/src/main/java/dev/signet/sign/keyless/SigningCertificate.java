package dev.signet.sign.keyless;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CA's answer: the leaf certificate and the chain above it (DER, leaf first). */
public record SigningCertificate(List<byte[]> chainDer) {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

  public SigningCertificate {
    if (chainDer.isEmpty()) {
      throw new IllegalArgumentException("a signing certificate needs at least the leaf");
    }
    List<byte[]> copy = new ArrayList<>();
    chainDer.forEach(c -> copy.add(c.clone()));
    chainDer = List.copyOf(copy);
  }

  /** Every certificate of every PEM string, in order. */
  static SigningCertificate fromPem(List<String> pems) {
    List<byte[]> ders = new ArrayList<>();
    for (String pem : pems) {
      Matcher m = BLOCK.matcher(pem);
      while (m.find()) {
        ders.add(Base64.getMimeDecoder().decode(m.group(1)));
      }
    }
    return new SigningCertificate(ders);
  }

  public byte[] leafDer() {
    return chainDer.get(0).clone();
  }

  /** The leaf as PEM (64-column lines, final newline, as Go's pem.Encode writes it). */
  public String leafPem() {
    return pem(chainDer.get(0));
  }

  /** The certificates above the leaf as concatenated PEM, or "" when the CA sent only the leaf. */
  public String chainPem() {
    StringBuilder b = new StringBuilder();
    chainDer.subList(1, chainDer.size()).forEach(c -> b.append(pem(c)));
    return b.toString();
  }

  /** The leaf's public key. */
  public PublicKey leafKey() throws KeylessException {
    return leaf().getPublicKey();
  }

  public X509Certificate leaf() throws KeylessException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(chainDer.get(0)));
    } catch (CertificateException e) {
      throw new KeylessException("the CA's leaf certificate is not X.509 DER: " + e.getMessage(), e);
    }
  }

  public static String pem(byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
  }
}
