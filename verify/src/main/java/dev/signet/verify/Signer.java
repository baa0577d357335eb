package dev.signet.verify;

import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.x509.FulcioIdentity;
import dev.signet.verify.x509.SubjectAlternativeNames;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
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
   * @param subjectAlternativeName first URI SAN, else email, else other name (Fulcio username); may be null
   * @param issuer the Fulcio OIDC issuer extension, may be null
   * @param identity everything the certificate asserts (all SANs, issuer, GitHub workflow claims, every
   *     Fulcio extension)
   */
  record Certificate(X509Certificate leaf, CertificateAuthority authority, String subjectAlternativeName,
      String issuer, FulcioIdentity identity) implements Signer {
    public Certificate {
      Objects.requireNonNull(leaf, "leaf");
      Objects.requireNonNull(authority, "authority");
      Objects.requireNonNull(identity, "identity");
    }

    /** The summary fields derived from {@code identity}. */
    public Certificate(X509Certificate leaf, CertificateAuthority authority, FulcioIdentity identity) {
      this(leaf, authority, primaryName(identity.sans()), identity.issuer().isEmpty() ? null : identity.issuer(),
          identity);
    }

    private static String primaryName(SubjectAlternativeNames sans) {
      for (List<String> names : List.of(sans.uris(), sans.emails(), sans.otherNames())) {
        if (!names.isEmpty()) {
          return names.get(0);
        }
      }
      return null;
    }
  }
}
