package dev.signet.verify.x509;

import dev.signet.verify.Check;

/**
 * What the end-entity certificate of a path is for: the extended key usage it must carry (and any CA
 * certificate with an EKU extension must allow), and the check a failure is reported under.
 */
public enum CertificatePurpose {
  /** A Fulcio (or bring-your-own CA) signing certificate. */
  CODE_SIGNING("1.3.6.1.5.5.7.3.3", "codeSigning", "leaf", Check.CERTIFICATE_CHAIN),
  /** An RFC 3161 timestamp authority's signing certificate. */
  TIME_STAMPING("1.3.6.1.5.5.7.3.8", "timeStamping", "TSA certificate", Check.TIMESTAMP);

  static final String ANY_EKU = "2.5.29.37.0";

  private final String ekuOid;
  private final String ekuName;
  private final String role;
  private final Check check;

  CertificatePurpose(String ekuOid, String ekuName, String role, Check check) {
    this.ekuOid = ekuOid;
    this.ekuName = ekuName;
    this.role = role;
    this.check = check;
  }

  public String ekuOid() {
    return ekuOid;
  }

  public String ekuName() {
    return ekuName;
  }

  /** How messages name the end-entity certificate ("leaf", "TSA certificate"). */
  public String role() {
    return role;
  }

  public Check check() {
    return check;
  }
}
