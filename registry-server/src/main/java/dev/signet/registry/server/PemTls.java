package dev.signet.registry.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Builds Jetty's TLS configuration from a PEM certificate chain and an unencrypted PEM private key. */
final class PemTls {
  private static final char[] IN_MEMORY_PASSWORD = "signet".toCharArray();

  private PemTls() {}

  static SslContextFactory.Server serverContext(Path certificateChain, Path privateKey) {
    try {
      Certificate[] chain = certificates(certificateChain);
      PrivateKey key = privateKey(privateKey);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("signet", key, IN_MEMORY_PASSWORD, chain);
      SslContextFactory.Server f = new SslContextFactory.Server();
      f.setKeyStore(ks);
      f.setKeyStorePassword(new String(IN_MEMORY_PASSWORD));
      f.setKeyManagerPassword(new String(IN_MEMORY_PASSWORD));
      return f;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load TLS certificate " + certificateChain + " and key "
          + privateKey + ": " + e.getMessage(), e);
    }
  }

  private static Certificate[] certificates(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new GeneralSecurityException("no certificate in " + file);
      }
      return certs.toArray(Certificate[]::new);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    try (Reader r = Files.newBufferedReader(file); PEMParser parser = new PEMParser(r)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o; (o = parser.readObject()) != null; ) {
        if (o instanceof PEMKeyPair pair) {
          return pair.getPublicKeyInfo() != null
              ? converter.getKeyPair(pair).getPrivate()
              : converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    }
    throw new GeneralSecurityException("no unencrypted private key in " + file);
  }
}
