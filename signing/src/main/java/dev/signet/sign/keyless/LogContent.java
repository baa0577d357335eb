package dev.signet.sign.keyless;

import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.payload.DsseEnvelope;

/**
 * What goes into a transparency log for one bundle: the signed artifact's digest and signature (a
 * message signature) or the DSSE envelope, and who verifies it (the certificate or public key).
 */
public record LogContent(SigstoreBundle bundle, LogVerifier verifier) {

  public boolean isDsse() {
    return bundle.isDsse();
  }

  public MessageSignature message() {
    return bundle.messageSignature();
  }

  public DsseEnvelope envelope() {
    return bundle.dsseEnvelope();
  }

  /** The one signature (the message signature, or the envelope's only signature). */
  public byte[] signature() throws KeylessException {
    if (!isDsse()) {
      return message().signature();
    }
    if (envelope().signatures().size() != 1) {
      throw new KeylessException("a DSSE envelope to log needs exactly one signature, not "
          + envelope().signatures().size());
    }
    return envelope().signatures().get(0).sig();
  }
}
