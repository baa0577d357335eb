package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which links a cascading delete follows. A link only says that someone pushed a manifest under a
 * subject's legacy tag or listed it in the subject's fallback index — anyone with push rights can do that
 * with any manifest's bytes — so a cascade follows a link only when the accessory itself refers to the
 * deleted subject.
 */
@FunctionalInterface
public interface CascadeRule {
  /** Follows only {@code subject}-field links whose accessory names the subject (needs no content). */
  CascadeRule SUBJECT_FIELD = (accessory, subject, kind, lookup) ->
      (kind == LinkKind.SUBJECT || kind == LinkKind.FALLBACK_ENTRY) && subject.equals(accessory.subject());

  /**
   * @param accessory the linked manifest as stored
   * @param subject the subject being deleted
   * @param kind how it is linked
   * @param lookup reads other manifests of the repository (in the deleting transaction)
   * @return true when {@code accessory} really refers to {@code subject} and may be deleted with it
   */
  boolean follows(ManifestRecord accessory, Digest subject, LinkKind kind,
      Function<Digest, Optional<ManifestRecord>> lookup);
}
