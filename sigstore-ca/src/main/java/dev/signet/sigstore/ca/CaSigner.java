package dev.signet.sigstore.ca;

import dev.signet.crypto.keys.PrivateKeyHandle;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Objects;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Where the CA's issuing key lives: in memory (decrypted from its key file) or on a PKCS#11 token. */
public sealed interface CaSigner {

  PublicKey publicKey();

  /** A fresh signer for one certificate with the JCA {@code algorithm} (e.g. {@code SHA384withECDSA}). */
  ContentSigner contentSigner(String algorithm) throws OperatorCreationException;

  /** A software key, e.g. from an encrypted key file. */
  record Software(PrivateKeyHandle key) implements CaSigner {
    public Software {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public PublicKey publicKey() {
      return key.publicKey();
    }

    @Override
    public ContentSigner contentSigner(String algorithm) throws OperatorCreationException {
      return new JcaContentSignerBuilder(algorithm).build(key.unwrapPrivateKey());
    }
  }

  /**
   * A key that never leaves its provider (a PKCS#11 token through SunPKCS11); signing goes to that
   * provider explicitly, which is not installed globally.
   */
  record Token(PrivateKey key, PublicKey publicKey, Provider provider) implements CaSigner {
    public Token {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(provider, "provider");
    }

    @Override
    public ContentSigner contentSigner(String algorithm) throws OperatorCreationException {
      return new JcaContentSignerBuilder(algorithm).setProvider(provider).build(key);
    }

    @Override
    public String toString() {
      return "CaSigner.Token[" + provider.getName() + ", " + publicKey.getAlgorithm() + "]";
    }
  }
}
