package dev.signet.sigstore.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The CA's issuing key on a PKCS#11 token (an HSM, SoftHSM, a YubiHSM…) through the JDK's SunPKCS11
 * provider. The provider is configured from a SunPKCS11 configuration file ({@code name}, {@code library},
 * {@code slot} or {@code slotListIndex}) and used explicitly, never installed globally. The key is
 * found by its alias (CKA_LABEL) after logging in with the PIN; the certificate chain comes from a
 * PEM file whose first certificate must carry the token key's public key. A test signature proves the
 * pair before the CA starts.
 */
public final class Pkcs11Keys {
  private Pkcs11Keys() {}

  /**
   * @throws CaException ({@code INVALID_ARGUMENT}) naming what is wrong: the configuration, the PIN, the
   *     alias, or a chain that does not match the key
   */
  public static CaKeys load(Path providerConfig, char[] pin, String alias, Path chainFile) throws CaException {
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw CaException.invalid("this JDK has no SunPKCS11 provider; PKCS#11 CA keys are unavailable");
    }
    Provider provider;
    try {
      provider = base.configure(providerConfig.toString());
    } catch (RuntimeException e) {
      throw CaException.invalid("PKCS#11 configuration " + providerConfig + " does not work: " + rootMessage(e));
    }
    PrivateKey key;
    try {
      KeyStore ks = KeyStore.getInstance("PKCS11", provider);
      ks.load(null, pin);
      Key k = ks.getKey(alias, null);
      if (!(k instanceof PrivateKey pk)) {
        throw CaException.invalid("PKCS#11 token of " + providerConfig + " has no private key '" + alias + "' (keys: "
            + java.util.Collections.list(ks.aliases()) + ")");
      }
      key = pk;
    } catch (IOException e) {
      throw CaException.invalid("cannot log in to the PKCS#11 token of " + providerConfig + " (wrong PIN?): "
          + rootMessage(e));
    } catch (GeneralSecurityException e) {
      throw CaException.invalid("cannot read key '" + alias + "' from the PKCS#11 token of " + providerConfig + ": "
          + rootMessage(e));
    }
    List<X509Certificate> chain = CaKeys.readChain(chainFile);
    X509Certificate first = chain.get(0);
    try {
      String alg = CaKeys.signatureAlgorithm(first.getPublicKey());
      byte[] probe = "signet CA PKCS#11 key check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg, provider);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(first.getPublicKey());
      v.update(probe);
      if (!v.verify(sig)) {
        throw CaException.invalid("PKCS#11 key '" + alias + "' does not belong to the first certificate of " + chainFile
            + " (" + first.getSubjectX500Principal().getName() + ")");
      }
    } catch (GeneralSecurityException e) {
      throw CaException.invalid("PKCS#11 key '" + alias + "' cannot sign for " + first.getSubjectX500Principal().getName()
          + ": " + rootMessage(e));
    }
    return new CaKeys(new CaSigner.Token(key, first.getPublicKey(), provider), chain);
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + c.getMessage() + ")";
  }
}
