package dev.signet.crypto.keys;

import dev.signet.crypto.internal.EcCurves;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PKCS#8 encoding of private keys. ECDSA keys are written like Go's
 * {@code x509.MarshalPKCS8PrivateKey}: curve OID in the algorithm identifier, and an inner SEC1
 * structure with the scalar padded to the curve size and the public point included. Other key
 * types use the JDK's encoding.
 */
final class Pkcs8 {

  private Pkcs8() {}

  static byte[] encode(PrivateKey privateKey, PublicKey publicKey) {
    if (!(privateKey instanceof ECPrivateKey)) {
      return privateKey.getEncoded();
    }
    EcCurves.Allowed curve =
        EcCurves.allowed(((ECPublicKey) publicKey).getParams())
            .orElseThrow(() -> new IllegalStateException("handle holds an unsupported curve"));
    DERBitString point =
        new DERBitString(
            SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData().getOctets());
    org.bouncycastle.asn1.sec.ECPrivateKey inner =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            curve.params().getN().bitLength(), ((ECPrivateKey) privateKey).getS(), point, null);
    try {
      return new PrivateKeyInfo(
              new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid()), inner)
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
