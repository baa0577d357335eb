package dev.signet.verify;

import dev.signet.verify.root.CertificateAuthority;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** Who signed: the policy's public key, or a certificate that chained to a trusted CA. */
public sealed interface Signer {

  /** The signature verified with the policy's key; {@code hint} is base64 SHA-256 of its SPKI. */
  record Key(PublicKey key, String hint) implements Signer {
    public Key {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(hint, "hint");
    }
  }

  /**
   * The signature verified with a certificate's key.
   *
   * @param subjectAlternativeName first URI SAN, else email, else username; may be null
   * @param issuer the Fulcio OIDC issuer extension, may be null
   */
  record Certificate(X509Certificate leaf, CertificateAuthority authority, String subjectAlternativeName,
      String issuer) implements Signer {
    public Certificate {
      Objects.requireNonNull(leaf, "leaf");
      Objects.requireNonNull(authority, "authority");
    }
  }
}
