package dev.signet.crypto.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/** Raw Ed25519 key material to and from JCA keys (via their PKCS#8 / SPKI encodings). */
public final class Ed25519Keys {

  private Ed25519Keys() {}

  /** BouncyCastle parameters for a JCA Ed25519 private key. */
  public static Ed25519PrivateKeyParameters privateParams(PrivateKey key) {
    byte[] encoded = key.getEncoded();
    try {
      byte[] seed =
          ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(encoded).parsePrivateKey())
              .getOctets();
      try {
        return new Ed25519PrivateKeyParameters(seed, 0);
      } finally {
        java.util.Arrays.fill(seed, (byte) 0);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not an Ed25519 private key", e);
    } finally {
      java.util.Arrays.fill(encoded, (byte) 0);
    }
  }

  /** The 32-byte encoded point of a JCA Ed25519 public key. */
  public static byte[] rawPublic(PublicKey key) {
    return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getOctets();
  }

  /** BouncyCastle parameters for a JCA Ed25519 public key. */
  public static Ed25519PublicKeyParameters publicParams(PublicKey key) {
    return new Ed25519PublicKeyParameters(rawPublic(key), 0);
  }

  /** The JCA public key that belongs to a private key. */
  public static PublicKey publicKeyOf(Ed25519PrivateKeyParameters priv)
      throws GeneralSecurityException {
    byte[] raw = priv.generatePublicKey().getEncoded();
    try {
      byte[] spki =
          new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw)
              .getEncoded();
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
