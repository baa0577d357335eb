package dev.signet.verify;

/** The checks the engine runs; each rejection names one. The label starts the rejection message. */
public enum Check {
  /** The bundle, envelope, trusted root or log entry is not well-formed. */
  FORMAT("format"),
  /** The signature over the artifact or DSSE PAE does not verify with the key or certificate. */
  SIGNATURE("signature"),
  /** The artifact (digest, in-toto subject, payload type) is not what was signed. */
  ARTIFACT("artifact"),
  /** The leaf certificate does not chain to a CA of the trusted root valid at the signing time. */
  CERTIFICATE_CHAIN("certificate chain"),
  /** Embedded signed certificate timestamps do not verify against the trusted root's CT logs. */
  SCT("SCT"),
  /** The certificate's identity (SAN, issuer, GitHub workflow claims) does not satisfy the policy. */
  IDENTITY("identity"),
  /** A transparency-log entry's body, log id, SET or signing-time does not verify. */
  TLOG_ENTRY("tlog entry"),
  /** A Merkle inclusion proof does not reproduce the checkpoint's root hash. */
  INCLUSION_PROOF("inclusion proof"),
  /** A checkpoint (signed note) has a bad signature, origin or format. */
  CHECKPOINT("checkpoint"),
  /** An RFC 3161 timestamp does not verify against the trusted root's timestamp authorities. */
  TIMESTAMP("timestamp"),
  /** Fewer verified log entries or timestamps than the policy's threshold. */
  THRESHOLD("threshold"),
  /** The trusted root or its TUF metadata cannot be used. */
  TRUST_ROOT("trusted root");

  private final String label;

  Check(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
