package dev.signet.crypto.keys;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.internal.EcCurves;
import dev.signet.crypto.internal.EcKeys;
import dev.signet.crypto.internal.Ed25519Keys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Parses unencrypted private keys (PKCS#1 RSA, SEC1 EC, PKCS#8 RSA/EC/Ed25519) into handles, with
 * the error wording of cosign's {@code ImportKeyPair}. Every message starts with {@code context}
 * (for example {@code "import key.pem"}).
 */
final class PrivateKeyParser {

  /** Whether cosign's import strength rules ({@link KeyPolicy}) apply, or only signing limits. */
  enum Strictness {
    IMPORT,
    LOAD
  }

  private PrivateKeyParser() {}

  /** PKCS#1 {@code RSAPrivateKey}. */
  static PrivateKeyHandle pkcs1(byte[] der, String context, Strictness strictness)
      throws CryptoException {
    RSAPrivateKey rsa =
        parse(der, RSAPrivateKey::getInstance)
            .orElseThrow(() -> new KeyFormatException(context + ": error parsing rsa private key"));
    return rsa(rsa, context, strictness);
  }

  /** SEC1 / RFC 5915 {@code ECPrivateKey} with a named curve. */
  static PrivateKeyHandle sec1(byte[] der, String context) throws CryptoException {
    ECPrivateKey ec = parse(der, PrivateKeyParser::sec1Strict).orElse(null);
    Object params = ec == null ? null : ec.getParametersObject();
    if (!(params instanceof ASN1ObjectIdentifier)) {
      throw new KeyFormatException(
          context + ": error parsing ecdsa private key (not a SEC1 key with a named curve)");
    }
    return ec(ec, (ASN1ObjectIdentifier) params, context, "error parsing ecdsa private key");
  }

  /** Whether {@code der} is structurally a PKCS#8 {@code PrivateKeyInfo}. */
  static boolean isPkcs8(byte[] der) {
    return parse(der, PrivateKeyInfo::getInstance).isPresent();
  }

  /** Whether {@code der} is structurally a SEC1 {@code ECPrivateKey}. */
  static boolean isSec1(byte[] der) {
    return parse(der, PrivateKeyParser::sec1Strict).isPresent();
  }

  /** Whether {@code der} is structurally a PKCS#1 {@code RSAPrivateKey}. */
  static boolean isPkcs1(byte[] der) {
    return parse(der, RSAPrivateKey::getInstance).isPresent();
  }

  /** PKCS#8 {@code PrivateKeyInfo} holding an RSA, ECDSA or Ed25519 key. */
  static PrivateKeyHandle pkcs8(byte[] der, String context, Strictness strictness)
      throws CryptoException {
    String parseError = "error parsing pkcs #8 private key";
    PrivateKeyInfo info =
        parse(der, PrivateKeyInfo::getInstance)
            .orElseThrow(() -> new KeyFormatException(context + ": " + parseError));
    ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
    ASN1Encodable inner;
    try {
      inner = info.parsePrivateKey();
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(context + ": " + parseError, e);
    }
    if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      RSAPrivateKey rsa =
          parse(inner, RSAPrivateKey::getInstance)
              .orElseThrow(() -> new KeyFormatException(context + ": " + parseError));
      return rsa(rsa, context, strictness);
    }
    if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      ASN1Encodable params = info.getPrivateKeyAlgorithm().getParameters();
      ECPrivateKey ec = parse(inner, PrivateKeyParser::sec1Strict).orElse(null);
      if (!(params instanceof ASN1ObjectIdentifier) || ec == null) {
        throw new KeyFormatException(context + ": " + parseError);
      }
      return ec(ec, (ASN1ObjectIdentifier) params, context, parseError);
    }
    if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return ed25519(inner, context, parseError);
    }
    throw new UnsupportedKeyException(
        context + ": unexpected private key: algorithm " + alg.getId()
            + " is not RSA, ECDSA or Ed25519");
  }

  private static PrivateKeyHandle rsa(RSAPrivateKey k, String context, Strictness strictness)
      throws CryptoException {
    if (strictness == Strictness.IMPORT) {
      KeyPolicy.checkRsa(k.getModulus(), k.getPublicExponent(), context);
    }
    try {
      KeyFactory kf = KeyFactory.getInstance("RSA");
      PrivateKey priv =
          kf.generatePrivate(
              new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
                  k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(),
                  k.getExponent2(), k.getCoefficient()));
      return handle(priv, kf.generatePublic(
          new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent())), context);
    } catch (GeneralSecurityException e) {
      throw new KeyFormatException(context + ": error parsing rsa private key", e);
    }
  }

  private static PrivateKeyHandle ec(
      ECPrivateKey k, ASN1ObjectIdentifier curveOid, String context, String parseError)
      throws CryptoException {
    Optional<EcCurves.Allowed> curve = EcCurves.allowed(curveOid);
    if (curve.isEmpty()) {
      if (curveOid.equals(SECObjectIdentifiers.secp224r1)) {
        throw KeyPolicy.curveNotAllowed("P-224", context);
      }
      throw new KeyFormatException(
          context + ": " + parseError + " (unsupported curve " + EcCurves.describe(curveOid)
              + "; use P-256, P-384 or P-521)");
    }
    try {
      KeyPair pair = EcKeys.fromScalar(curve.get(), k.getKey());
      return handle(pair.getPrivate(), pair.getPublic(), context);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeyFormatException(context + ": " + parseError + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKeyHandle ed25519(ASN1Encodable inner, String context, String parseError)
      throws CryptoException {
    byte[] seed =
        parse(inner, ASN1OctetString::getInstance)
            .map(ASN1OctetString::getOctets)
            .orElse(new byte[0]);
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new KeyFormatException(
          context + ": " + parseError + ": invalid Ed25519 private key length " + seed.length);
    }
    byte[] normalized = null;
    try {
      Ed25519PrivateKeyParameters params = new Ed25519PrivateKeyParameters(seed, 0);
      normalized =
          new PrivateKeyInfo(
                  new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                      EdECObjectIdentifiers.id_Ed25519),
                  new org.bouncycastle.asn1.DEROctetString(seed))
              .getEncoded();
      PrivateKey priv =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(normalized));
      return handle(priv, Ed25519Keys.publicKeyOf(params), context);
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyFormatException(context + ": " + parseError, e);
    } finally {
      Arrays.fill(seed, (byte) 0);
      if (normalized != null) {
        Arrays.fill(normalized, (byte) 0);
      }
    }
  }

  private static PrivateKeyHandle handle(
      PrivateKey priv, java.security.PublicKey pub, String context)
      throws UnsupportedKeyException {
    try {
      return new PrivateKeyHandle(priv, pub);
    } catch (UnsupportedKeyException e) {
      throw new UnsupportedKeyException(context + ": " + e.getMessage(), e);
    }
  }

  /** BouncyCastle's {@code ECPrivateKey.getInstance} is lazy; check the SEC1 shape up front. */
  private static ECPrivateKey sec1Strict(Object o) {
    ASN1Sequence seq = ASN1Sequence.getInstance(o);
    if (seq.size() < 2 || !ASN1Integer.getInstance(seq.getObjectAt(0)).hasValue(1)) {
      throw new IllegalArgumentException("not a SEC1 ECPrivateKey");
    }
    ASN1OctetString.getInstance(seq.getObjectAt(1));
    ECPrivateKey key = ECPrivateKey.getInstance(seq);
    key.getParametersObject();
    key.getPublicKey();
    return key;
  }

  private interface AsnParser<T> {
    T parse(Object o);
  }

  private static <T> Optional<T> parse(Object source, AsnParser<T> parser) {
    try {
      Object o = source instanceof byte[] ? ASN1Primitive.fromByteArray((byte[]) source) : source;
      return Optional.ofNullable(parser.parse(o));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
