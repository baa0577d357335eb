package dev.signet.testing.registry;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signs docker-registry bearer tokens (ES256 JWTs with an {@code x5c} header) with a fresh test key. */
final class TokenSigner {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  /** One entry of the token's {@code access} claim. */
  record Access(String type, String name, List<String> actions) {}

  private final String issuer;
  private final KeyPair keys;
  private final X509Certificate certificate;

  TokenSigner(String issuer) {
    this.issuer = issuer;
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      this.keys = gen.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=" + issuer);
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), name, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      this.certificate = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the token signing certificate", e);
    }
  }

  String issuer() {
    return issuer;
  }

  String certificatePem() {
    try {
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String sign(String subject, String audience, List<Access> access, long lifetimeSeconds) {
    try {
      long now = Instant.now().getEpochSecond();
      String header = "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"x5c\":[\""
          + Base64.getEncoder().encodeToString(certificate.getEncoded()) + "\"]}";
      StringBuilder claims = new StringBuilder("{\"iss\":").append(quote(issuer))
          .append(",\"sub\":").append(quote(subject == null ? "" : subject))
          .append(",\"aud\":").append(quote(audience == null ? "" : audience))
          .append(",\"exp\":").append(now + lifetimeSeconds)
          .append(",\"nbf\":").append(now - 10)
          .append(",\"iat\":").append(now)
          .append(",\"jti\":").append(quote(UUID.randomUUID().toString()))
          .append(",\"access\":[");
      for (int i = 0; i < access.size(); i++) {
        Access a = access.get(i);
        claims.append(i == 0 ? "" : ",").append("{\"type\":").append(quote(a.type()))
            .append(",\"name\":").append(quote(a.name())).append(",\"actions\":[");
        for (int j = 0; j < a.actions().size(); j++) {
          claims.append(j == 0 ? "" : ",").append(quote(a.actions().get(j)));
        }
        claims.append("]}");
      }
      claims.append("]}");
      String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
          + URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
      Signature sig = Signature.getInstance("SHA256withECDSAinP1363Format");
      sig.initSign(keys.getPrivate());
      sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(sig.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
