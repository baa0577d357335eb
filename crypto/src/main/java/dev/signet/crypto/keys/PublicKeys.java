package dev.signet.crypto.keys;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.internal.EcCurves;
import dev.signet.crypto.internal.Jca;
import dev.signet.crypto.internal.Pem;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Public key files: parsing ({@code PUBLIC KEY} PEM, {@code RSA PUBLIC KEY} PEM, raw DER
 * SubjectPublicKeyInfo), writing ({@code cosign.pub} format) and the key hint used in Sigstore
 * bundles.
 */
public final class PublicKeys {

  private PublicKeys() {}

  /**
   * Parses a public key: PEM {@code PUBLIC KEY} (SPKI), PEM {@code RSA PUBLIC KEY} (PKCS#1), or
   * DER SPKI without PEM armour. Supported key types are RSA, ECDSA P-256/384/521 and Ed25519.
   *
   * @param source description of the input for messages (for example the file name)
   * @throws KeyFormatException if the input is none of these encodings
   * @throws UnsupportedKeyException if the key type or curve is not supported
   */
  public static PublicKey parse(byte[] bytes, String source) throws CryptoException {
    String context = "parse public key " + source;
    Optional<Pem.Block> block = Pem.decodeFirst(bytes);
    if (block.isPresent()) {
      switch (block.get().label()) {
        case "PUBLIC KEY":
          return fromSpki(block.get().bytes(), context);
        case "RSA PUBLIC KEY":
          return fromPkcs1(block.get().bytes(), context);
        default:
          throw new KeyFormatException(
              context + ": unsupported PEM type " + block.get().label()
                  + " (expected PUBLIC KEY or RSA PUBLIC KEY)"
                  + (block.get().label().contains("PRIVATE") ? "; this is a private key" : ""));
      }
    }
    if (Pem.hasBeginMarker(bytes)) {
      throw new KeyFormatException(context + ": invalid pem block");
    }
    if (bytes.length > 0 && bytes[0] == 0x30) {
      return fromSpki(bytes, context);
    }
    throw new KeyFormatException(
        context + ": not a public key (expected PEM PUBLIC KEY, PEM RSA PUBLIC KEY or DER"
            + " SubjectPublicKeyInfo)");
  }

  /** {@code -----BEGIN PUBLIC KEY-----} PEM of the key's SPKI: 64-column lines, final newline. */
  public static String toPem(PublicKey key) {
    return Pem.encode("PUBLIC KEY", key.getEncoded());
  }

  /**
   * The key hint: standard base64 of the SHA-256 of the key's SPKI DER, as cosign writes it to
   * {@code verificationMaterial.publicKey.hint} in Sigstore bundles. Also a stable fingerprint.
   */
  public static String hint(PublicKey key) {
    return Jca.keyHint(key);
  }

  private static PublicKey fromSpki(byte[] der, String context) throws CryptoException {
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(context + ": not a valid DER SubjectPublicKeyInfo", e);
    }
    ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
    String jcaName;
    if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      jcaName = "RSA";
    } else if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
      jcaName = "Ed25519";
    } else if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      jcaName = "EC";
      checkCurve(spki, context);
    } else {
      throw new UnsupportedKeyException(
          context + ": unsupported public key algorithm " + alg.getId()
              + " (supported: RSA, ECDSA P-256/P-384/P-521, Ed25519)");
    }
    try {
      return KeyFactory.getInstance(jcaName).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new KeyFormatException(context + ": invalid " + jcaName + " public key", e);
    }
  }

  private static void checkCurve(SubjectPublicKeyInfo spki, String context)
      throws CryptoException {
    Object params = spki.getAlgorithm().getParameters();
    if (!(params instanceof ASN1ObjectIdentifier)) {
      throw new UnsupportedKeyException(context + ": EC key without a named curve");
    }
    ASN1ObjectIdentifier oid = (ASN1ObjectIdentifier) params;
    if (EcCurves.allowed(oid).isEmpty()) {
      throw new UnsupportedKeyException(
          context + ": ECDSA curve " + EcCurves.describe(oid)
              + " not allowed (allowed: P-256, P-384, P-521)");
    }
  }

  private static PublicKey fromPkcs1(byte[] der, String context) throws CryptoException {
    try {
      RSAPublicKey k = RSAPublicKey.getInstance(ASN1Primitive.fromByteArray(der));
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
    } catch (IOException | RuntimeException | GeneralSecurityException e) {
      throw new KeyFormatException(context + ": invalid PKCS#1 RSA PUBLIC KEY", e);
    }
  }
}
