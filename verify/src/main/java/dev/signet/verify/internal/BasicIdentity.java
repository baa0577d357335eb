package dev.signet.verify.internal;

import dev.signet.verify.CertificateIdentityCheck;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * A minimal Fulcio identity check (SAN and OIDC issuer, exact or regular expression) until the x509
 * package's {@code IdentityPolicy} is available. SAN: first URI, else email, else Fulcio's username
 * OtherName; issuer: extension 1.3.6.1.4.1.57264.1.8 (DER UTF8String), else the deprecated .1.1 (raw).
 */
public final class BasicIdentity implements CertificateIdentityCheck {
  private static final String SAN = "2.5.29.17";
  private static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
  private static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
  private static final String USERNAME = "1.3.6.1.4.1.57264.1.7";

  private final Pattern identity;
  private final Pattern issuer;
  private final String describeIdentity;
  private final String describeIssuer;

  private BasicIdentity(Pattern identity, Pattern issuer, String describeIdentity, String describeIssuer) {
    this.identity = identity;
    this.issuer = issuer;
    this.describeIdentity = describeIdentity;
    this.describeIssuer = describeIssuer;
  }

  public static BasicIdentity exact(String identity, String issuer) {
    return new BasicIdentity(Pattern.compile(Pattern.quote(identity)), Pattern.compile(Pattern.quote(issuer)),
        identity, issuer);
  }

  public static BasicIdentity regex(String identityRegex, String issuerRegex) {
    return new BasicIdentity(Pattern.compile(identityRegex), Pattern.compile(issuerRegex),
        "/" + identityRegex + "/", "/" + issuerRegex + "/");
  }

  @Override
  public void check(X509Certificate leaf) throws VerificationException {
    String san = subjectAlternativeName(leaf);
    if (san == null || !identity.matcher(san).matches()) {
      throw new VerificationException(Check.IDENTITY, "certificate identity error - expected " + describeIdentity
          + ", got " + (san == null ? "no subject alternative name" : san));
    }
    String iss = issuer(leaf);
    if (iss == null || !issuer.matcher(iss).matches()) {
      throw new VerificationException(Check.IDENTITY, "certificate OIDC issuer error - expected " + describeIssuer
          + ", got " + (iss == null ? "no issuer extension" : iss));
    }
  }

  /** The first URI SAN, else the first email, else the username OtherName; null when none. */
  public static String subjectAlternativeName(X509Certificate leaf) {
    byte[] ext = leaf.getExtensionValue(SAN);
    if (ext == null) {
      return null;
    }
    GeneralName[] names;
    try {
      names = GeneralNames.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getNames();
    } catch (RuntimeException e) {
      return null;
    }
    String email = null;
    String other = null;
    for (GeneralName n : names) {
      if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
        return ((ASN1String) n.getName()).getString();
      }
      if (n.getTagNo() == GeneralName.rfc822Name && email == null) {
        email = ((ASN1String) n.getName()).getString();
      }
      if (n.getTagNo() == GeneralName.otherName && other == null) {
        OtherName on = OtherName.getInstance(n.getName());
        if (USERNAME.equals(on.getTypeID().getId())) {
          ASN1Encodable v = on.getValue();
          v = v instanceof ASN1TaggedObject t ? t.getBaseObject() : v;
          other = v instanceof ASN1String s ? s.getString() : null;
        }
      }
    }
    return email != null ? email : other;
  }

  /** The OIDC issuer from the v2 extension, else the v1 one; null when neither. */
  public static String issuer(X509Certificate leaf) {
    byte[] v2 = leaf.getExtensionValue(ISSUER_V2);
    if (v2 != null) {
      try {
        ASN1Primitive p = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
        if (p instanceof ASN1String s) {
          return s.getString();
        }
      } catch (Exception e) {
        // fall back to v1
      }
    }
    byte[] v1 = leaf.getExtensionValue(ISSUER_V1);
    return v1 == null ? null : new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8);
  }
}
