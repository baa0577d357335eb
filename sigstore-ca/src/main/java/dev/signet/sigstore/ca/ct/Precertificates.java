package dev.signet.sigstore.ca.ct;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;

/** The TBS a precert_entry logs: the precertificate's TBSCertificate without the poison extension, DER. */
final class Precertificates {
  private Precertificates() {}

  static boolean isPrecertificate(X509Certificate c) {
    return c.getCriticalExtensionOIDs() != null && c.getCriticalExtensionOIDs().contains(SctList.POISON_OID);
  }

  static byte[] tbsWithoutPoison(X509Certificate precert) throws IOException, CertificateEncodingException {
    ASN1Sequence tbs = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(precert.getTBSCertificate()));
    ASN1EncodableVector out = new ASN1EncodableVector();
    for (ASN1Encodable e : tbs) {
      if (e instanceof ASN1TaggedObject t && t.getTagNo() == 3) {
        ASN1EncodableVector exts = new ASN1EncodableVector();
        for (ASN1Encodable x : ASN1Sequence.getInstance(t.getExplicitBaseObject())) {
          if (!Extension.getInstance(x).getExtnId().getId().equals(SctList.POISON_OID)) {
            exts.add(x);
          }
        }
        out.add(new DERTaggedObject(true, 3, new DERSequence(exts)));
      } else {
        out.add(e);
      }
    }
    return new DERSequence(out).getEncoded(ASN1Encoding.DER);
  }
}
