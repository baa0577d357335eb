package dev.signet.sign.attest;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;

/**
 * An attestation made by {@link Attestations}: the statement, its DSSE envelope (signed over PAE), and the
 * v0.3 bundle around the envelope with the signer's verification material.
 */
public record SignedAttestation(InTotoStatement statement, DsseEnvelope envelope, SigstoreBundle bundle) {

  /** The predicate type URI. */
  public String predicateType() {
    return statement.predicateType();
  }

  /** The envelope's one signature. */
  public byte[] signature() {
    return envelope.signatures().get(0).sig();
  }
}
