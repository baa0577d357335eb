package dev.signet.verify.root;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The trusted root's {@code subject {organization, commonName}} as the single string of
 * {@link CertificateAuthority#subject()}: an RFC 4514-style name {@code O=…,CN=…} (escaped, either
 * part may be absent; empty when both are).
 */
final class Subjects {

  private Subjects() {}

  static String format(String organization, String commonName) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    if (!organization.isEmpty()) {
      b.addRDN(BCStyle.O, organization);
    }
    if (!commonName.isEmpty()) {
      b.addRDN(BCStyle.CN, commonName);
    }
    return organization.isEmpty() && commonName.isEmpty() ? "" : b.build().toString();
  }

  /** {@code [organization, commonName]} of a {@link #format} string; unparsable text becomes the common name. */
  static String[] parse(String subject) {
    if (subject.isEmpty()) {
      return new String[] {"", ""};
    }
    try {
      X500Name name = new X500Name(BCStyle.INSTANCE, subject);
      return new String[] {first(name, BCStyle.O), first(name, BCStyle.CN)};
    } catch (IllegalArgumentException e) {
      return new String[] {"", subject};
    }
  }

  private static String first(X500Name name, ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    if (rdns.length == 0) {
      return "";
    }
    ASN1Encodable v = rdns[0].getFirst().getValue();
    return v instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(v);
  }
}
