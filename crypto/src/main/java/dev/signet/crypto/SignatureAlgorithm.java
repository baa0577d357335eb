package dev.signet.crypto;

import dev.signet.crypto.internal.EcCurves;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The closed set of signature algorithms Signet signs and verifies with, following cosign's rules:
 * the hash is fixed by the key type (P-256 → SHA-256, P-384 → SHA-384, P-521 → SHA-512, RSA →
 * PKCS#1 v1.5 with SHA-256), and Ed25519 is either pure or pre-hashed with SHA-512 (Ed25519ph).
 *
 * <p>Callers never pass hash names or encodings; they obtain the algorithm from the key with
 * {@link #forKey(PublicKey)} or pick {@link #ED25519PH} explicitly where cosign uses it.
 */
public enum SignatureAlgorithm {
  /** ECDSA on NIST P-256 with SHA-256; signatures are ASN.1 DER. */
  ECDSA_P256_SHA256("SHA256withECDSA", "SHA-256", "EC", "PKIX_ECDSA_P256_SHA_256"),
  /** ECDSA on NIST P-384 with SHA-384; signatures are ASN.1 DER. */
  ECDSA_P384_SHA384("SHA384withECDSA", "SHA-384", "EC", "PKIX_ECDSA_P384_SHA_384"),
  /** ECDSA on NIST P-521 with SHA-512; signatures are ASN.1 DER. */
  ECDSA_P521_SHA512("SHA512withECDSA", "SHA-512", "EC", "PKIX_ECDSA_P521_SHA_512"),
  /** RSA PKCS#1 v1.5 with SHA-256, for any modulus from 2048 to 4096 bits. */
  RSA_PKCS1_SHA256("SHA256withRSA", "SHA-256", "RSA", "PKIX_RSA_PKCS1V15_%d_SHA256"),
  /** Pure Ed25519 (RFC 8032): the whole message is signed, nothing is pre-hashed. */
  ED25519("Ed25519", "SHA-512", "Ed25519", "PKIX_ED25519"),
  /** Ed25519ph (RFC 8032, empty context): the SHA-512 digest of the message is signed. */
  ED25519PH("Ed25519ph", "SHA-512", "Ed25519", "PKIX_ED25519_PH");

  /** Smallest RSA modulus accepted for signing and verification. */
  public static final int RSA_MIN_BITS = 2048;

  /** Largest RSA modulus accepted for signing and verification. */
  public static final int RSA_MAX_BITS = 4096;

  private final String jcaName;
  private final String hashAlgorithm;
  private final String keyAlgorithm;
  private final String sigstoreName;

  SignatureAlgorithm(String jcaName, String hash, String keyAlgorithm, String sigstoreName) {
    this.jcaName = jcaName;
    this.hashAlgorithm = hash;
    this.keyAlgorithm = keyAlgorithm;
    this.sigstoreName = sigstoreName;
  }

  /**
   * The JCA signature name ({@code "SHA256withECDSA"}, {@code "Ed25519"}, ...). {@code "Ed25519ph"}
   * is not a JDK name: that algorithm is implemented with BouncyCastle's lightweight API.
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * The JCA name of the message digest that goes with this algorithm ({@code "SHA-256"}, ...). For
   * pure {@link #ED25519} this is the hash EdDSA uses internally; the message is not pre-hashed.
   */
  public String hashAlgorithm() {
    return hashAlgorithm;
  }

  /** The JCA key algorithm: {@code "EC"}, {@code "RSA"} or {@code "Ed25519"}. */
  public String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** Whether signatures can be verified from a digest alone (all but pure {@link #ED25519}). */
  public boolean supportsPrehash() {
    return this != ED25519;
  }

  /**
   * The Sigstore {@code PublicKeyDetails} name for this algorithm and key, such as
   * {@code PKIX_ECDSA_P256_SHA_256} or {@code PKIX_RSA_PKCS1V15_3072_SHA256} (the RSA name includes
   * the key size, so the key is needed).
   *
   * @throws UnsupportedKeyException if the key does not belong to this algorithm, or is an RSA key
   *     whose size has no Sigstore name (only 2048, 3072 and 4096 do)
   */
  public String sigstoreName(PublicKey key) throws UnsupportedKeyException {
    SignatureAlgorithm natural = forKey(key);
    boolean compatible = natural == this || (natural == ED25519 && this == ED25519PH);
    if (!compatible) {
      throw new UnsupportedKeyException(
          "a " + describeKey(key) + " key cannot be used with " + name());
    }
    if (this != RSA_PKCS1_SHA256) {
      return sigstoreName;
    }
    int bits = ((RSAPublicKey) key).getModulus().bitLength();
    if (bits != 2048 && bits != 3072 && bits != 4096) {
      throw new UnsupportedKeyException("no Sigstore key details name for RSA-" + bits);
    }
    return String.format(Locale.ROOT, sigstoreName, bits);
  }

  /**
   * The algorithm for a Sigstore {@code PublicKeyDetails} name (all three RSA PKCS#1 v1.5 names map
   * to {@link #RSA_PKCS1_SHA256}).
   *
   * @throws UnsupportedKeyException for any other name (PSS, SHA-1 variants, post-quantum, ...)
   */
  public static SignatureAlgorithm fromSigstoreName(String name) throws UnsupportedKeyException {
    for (SignatureAlgorithm a : values()) {
      if (a != RSA_PKCS1_SHA256 && a.sigstoreName.equals(name)) {
        return a;
      }
    }
    if (name.matches("PKIX_RSA_PKCS1V15_(2048|3072|4096)_SHA256")) {
      return RSA_PKCS1_SHA256;
    }
    throw new UnsupportedKeyException("unsupported Sigstore key details: " + name);
  }

  /**
   * The default algorithm for a public key: the hash follows the key type, and Ed25519 keys get
   * pure {@link #ED25519} (use {@link #ED25519PH} explicitly where cosign pre-hashes).
   *
   * @throws UnsupportedKeyException for ECDSA curves other than P-256/384/521 ("ECDSA curve P-224
   *     not allowed"), RSA keys outside 2048..4096 bits, and any other key type
   */
  public static SignatureAlgorithm forKey(PublicKey key) throws UnsupportedKeyException {
    if (key instanceof ECPublicKey) {
      EcCurves.Allowed curve =
          EcCurves.allowed(((ECPublicKey) key).getParams())
              .orElseThrow(
                  () ->
                      new UnsupportedKeyException(
                          "ECDSA curve "
                              + EcCurves.describe(((ECPublicKey) key).getParams())
                              + " not allowed (allowed: P-256, P-384, P-521)"));
      switch (curve) {
        case P256:
          return ECDSA_P256_SHA256;
        case P384:
          return ECDSA_P384_SHA384;
        default:
          return ECDSA_P521_SHA512;
      }
    }
    if (key instanceof RSAPublicKey) {
      int bits = ((RSAPublicKey) key).getModulus().bitLength();
      if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS) {
        throw new UnsupportedKeyException(
            "RSA key size not supported: " + bits + " (allowed: 2048 to 4096 bits)");
      }
      return RSA_PKCS1_SHA256;
    }
    if (isEd25519(key)) {
      return ED25519;
    }
    throw new UnsupportedKeyException("unsupported public key type: " + describeKey(key));
  }

  private static boolean isEd25519(PublicKey key) {
    if (key == null || key.getEncoded() == null) {
      return false;
    }
    try {
      return SubjectPublicKeyInfo.getInstance(key.getEncoded())
          .getAlgorithm()
          .getAlgorithm()
          .equals(EdECObjectIdentifiers.id_Ed25519);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String describeKey(PublicKey key) {
    return key == null ? "null" : key.getAlgorithm();
  }
}
