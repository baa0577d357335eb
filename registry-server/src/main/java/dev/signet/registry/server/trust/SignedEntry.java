package dev.signet.registry.server.trust;

import dev.signet.verify.Candidate;

/**
 * One signature inside a signature manifest, ready for the engine: a legacy {@code .sig} layer
 * (simple-signing payload and its annotations), a legacy {@code .att} layer (DSSE envelope and its
 * annotations) or a Sigstore bundle layer.
 *
 * @param index the layer's position in the manifest
 * @param candidate what the engine verifies, or null when {@code problem} is set
 * @param keyHint the key a bundle names ({@code verificationMaterial.publicKey.hint}), or null
 * @param keyless whether it carries a signing certificate
 * @param problem why the entry cannot be verified at all (unreadable), else null; names the check
 */
public record SignedEntry(int index, Candidate candidate, String keyHint, boolean keyless, String problem) {

  public SignedEntry {
    if ((candidate == null) == (problem == null)) {
      throw new IllegalArgumentException("an entry has either a candidate or a problem");
    }
  }

  static SignedEntry broken(int index, String problem) {
    return new SignedEntry(index, null, null, false, problem);
  }
}
