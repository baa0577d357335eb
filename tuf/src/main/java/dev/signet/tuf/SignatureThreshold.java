package dev.signet.tuf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the valid signatures of distinct keys of a role. A key id listed twice in {@code signatures}
 * counts once, and so do two key ids with the same key material.
 */
final class SignatureThreshold {
  private SignatureThreshold() {}

  /**
   * Throws unless at least {@code threshold} distinct keys of {@code role} in {@code keysFrom} signed
   * {@code md}. {@code whose} names the root whose keys were used, for the message.
   */
  static void verify(SignedMetadata<?> md, RootMetadata keysFrom, Role role, String whose) throws TufException {
    RoleKeys keys = keysFrom.role(role);
    int valid = count(md, keysFrom, keys);
    if (valid < keys.threshold()) {
      throw new TufException(md.label() + ": " + valid + " of " + keys.threshold() + " required signatures"
          + (whose.isEmpty() ? "" : " (" + whose + ")"));
    }
  }

  static int count(SignedMetadata<?> md, RootMetadata keysFrom, RoleKeys keys) {
    Set<String> counted = new HashSet<>();
    List<TufKey> countedKeys = new ArrayList<>();
    for (SignedMetadata.KeySignature sig : md.signatures()) {
      if (!keys.keyIds().contains(sig.keyId()) || counted.contains(sig.keyId())) {
        continue;
      }
      TufKey key = keysFrom.keys().get(sig.keyId());
      if (key == null || countedKeys.stream().anyMatch(key::sameMaterial)) {
        continue;
      }
      if (SignatureVerifier.verify(key, sig.signature(), md.canonicalSigned())) {
        counted.add(sig.keyId());
        countedKeys.add(key);
      }
    }
    return counted.size();
  }
}
