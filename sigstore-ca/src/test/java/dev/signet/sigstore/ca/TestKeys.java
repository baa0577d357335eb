package dev.signet.sigstore.ca;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Ephemeral signing keys as a keyless client makes them, proofs of possession and CSRs. */
final class TestKeys {
  private TestKeys() {}

  static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  static KeyPair p256() throws Exception {
    return ec("secp256r1");
  }

  static String publicPem(KeyPair k) {
    return Pems.encode("PUBLIC KEY", k.getPublic().getEncoded());
  }

  /** SHA256withECDSA (DER) over the UTF-8 challenge, as sigstore-js and cosign sign it. */
  static byte[] prove(KeyPair k, String challenge) throws Exception {
    Signature s = Signature.getInstance(k.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
    s.initSign(k.getPrivate());
    s.update(challenge.getBytes(StandardCharsets.UTF_8));
    return s.sign();
  }

  static String csrPem(KeyPair k, String subject) throws Exception {
    var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), k.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate()));
    return Pems.encode("CERTIFICATE REQUEST", csr.getEncoded());
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
