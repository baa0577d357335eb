package dev.signet.verify.x509;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The SAN extension, read with BouncyCastle's ASN.1 parser rather than the JDK's (which rejects a URI
 * SAN without a scheme, such as {@code signer@example.com} from the sigstore-js mock CA). Values are
 * kept as written.
 *
 * @param otherNames string values of {@code otherName} entries (Fulcio's username SAN, OID
 *     1.3.6.1.4.1.57264.1.7, holds a UTF8String)
 */
public record SubjectAlternativeNames(
    List<String> dnsNames, List<String> emails, List<String> ipAddresses, List<String> uris, List<String> otherNames) {

  public SubjectAlternativeNames {
    dnsNames = List.copyOf(dnsNames);
    emails = List.copyOf(emails);
    ipAddresses = List.copyOf(ipAddresses);
    uris = List.copyOf(uris);
    otherNames = List.copyOf(otherNames);
  }

  /** All values in cosign's order: DNS names, emails, IP addresses, URIs, other names. */
  public List<String> all() {
    List<String> all = new ArrayList<>(dnsNames);
    all.addAll(emails);
    all.addAll(ipAddresses);
    all.addAll(uris);
    all.addAll(otherNames);
    return List.copyOf(all);
  }

  /**
   * @throws VerificationException ({@link Check#FORMAT}) when the extension is not DER GeneralNames
   */
  public static SubjectAlternativeNames parse(X509Certificate c) throws VerificationException {
    List<String> dns = new ArrayList<>();
    List<String> email = new ArrayList<>();
    List<String> ip = new ArrayList<>();
    List<String> uri = new ArrayList<>();
    List<String> other = new ArrayList<>();
    byte[] ext = c.getExtensionValue(Extension.subjectAlternativeName.getId());
    if (ext != null) {
      try {
        for (GeneralName n : GeneralNames.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getNames()) {
        switch (n.getTagNo()) {
          case GeneralName.dNSName -> dns.add(string(n.getName()));
          case GeneralName.rfc822Name -> email.add(string(n.getName()));
          case GeneralName.uniformResourceIdentifier -> uri.add(string(n.getName()));
          case GeneralName.iPAddress -> ip.add(ipAddress(ASN1OctetString.getInstance(n.getName()).getOctets()));
          case GeneralName.otherName -> other.add(otherName(n.getName()));
          default -> { } // directory names, registered ids, x400/EDI: not identities Sigstore matches
        }
        }
      } catch (RuntimeException e) {
        throw new VerificationException(Check.FORMAT,
            "certificate serial " + c.getSerialNumber().toString(16) + ": malformed subjectAltName extension: " + e.getMessage());
      }
    }
    return new SubjectAlternativeNames(dns, email, ip, uri, other);
  }

  private static String string(ASN1Encodable v) {
    return v instanceof ASN1String s ? s.getString() : v.toString();
  }

  private static String ipAddress(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw).getHostAddress();
    } catch (UnknownHostException e) {
      return "invalid-ip";
    }
  }

  /** OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }: the value if it is a string. */
  private static String otherName(ASN1Encodable v) {
    ASN1Sequence seq = ASN1Sequence.getInstance(v);
    if (seq.size() < 2) {
      return "";
    }
    ASN1Primitive value = ASN1TaggedObject.getInstance(seq.getObjectAt(1)).getExplicitBaseObject().toASN1Primitive();
    return value instanceof ASN1String s ? s.getString() : "";
  }
}
