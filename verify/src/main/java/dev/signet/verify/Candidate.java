package dev.signet.verify;

import dev.signet.bundle.SigstoreBundle;
import java.util.Objects;

/** One signature of an artifact, in either format, named for messages (e.g. the referrer digest or the layer). */
public sealed interface Candidate {
  String description();

  /** A Sigstore bundle (cosign v3 referrer, {@code .sigstore.json}). */
  record Bundle(String description, SigstoreBundle bundle) implements Candidate {
    public Bundle {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(bundle, "bundle");
    }
  }

  /** A cosign legacy {@code .att} layer. */
  record LegacyAttestation(String description, dev.signet.verify.LegacyAttestation attestation) implements Candidate {
    public LegacyAttestation {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(attestation, "attestation");
    }
  }

  /** A cosign legacy {@code .sig} layer. */
  record Legacy(String description, LegacySignature signature) implements Candidate {
    public Legacy {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(signature, "signature");
    }
  }
}
