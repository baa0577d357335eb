package dev.signet.verify.tlog;

import java.util.List;

/**
 * Which witnesses' cosignatures on a checkpoint count, and how many distinct witnesses must have
 * cosigned. Signatures by keys not listed are ignored, as C2SP requires.
 */
public record WitnessPolicy(List<NoteVerifier> witnesses, int threshold) {
  public WitnessPolicy {
    witnesses = List.copyOf(witnesses);
    if (threshold < 0 || threshold > witnesses.size()) {
      throw new IllegalArgumentException("witness threshold " + threshold + " needs 0.." + witnesses.size());
    }
  }

  /** No witnesses required (the default: public Rekor checkpoints carry no cosignatures). */
  public static WitnessPolicy none() {
    return new WitnessPolicy(List.of(), 0);
  }
}
