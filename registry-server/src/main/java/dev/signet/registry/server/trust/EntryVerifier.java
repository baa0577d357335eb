package dev.signet.registry.server.trust;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.Verifier;
import dev.signet.crypto.Verifiers;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;

/**
 * Verifies one signature entry against one trust anchor, offline: with a trusted key, the signature
 * over the signed bytes; with a CA, the entry's certificate chain (at the time the registry first stored
 * the signature, which stands in for a transparency-log timestamp) and the signature with the
 * certificate's key; then, in both cases, that the signed claims name the subject.
 */
final class EntryVerifier {

  /** What one (entry, anchor) check found. */
  record Check(Outcome outcome, String signer, String reason, Map<String, String> annotations) {
    static Check of(Outcome outcome, String reason) {
      return new Check(outcome, null, reason, Map.of());
    }
  }

  private EntryVerifier() {}

  /**
   * @param signedAt when the signature manifest was first stored (certificates must be valid then)
   */
  static Check verify(SignedEntry e, TrustAnchor anchor, Digest subject, Instant signedAt) {
    if (e.problem() != null) {
      return Check.of(Outcome.INVALID, e.problem());
    }
    PublicKey key;
    if (anchor.kind() == TrustAnchor.Kind.KEY) {
      key = anchor.key();
      if (!verifies(key, e)) {
        boolean named = anchor.fingerprint().equals(e.keyHint());
        return Check.of(named ? Outcome.INVALID : Outcome.UNTRUSTED, named
            ? "the signature names trusted key " + anchor.fingerprint() + " but does not verify with it (altered)"
            : "the signature does not verify with trusted key " + anchor.fingerprint()
                + " (signed by another key, or altered)");
      }
    } else {
      if (e.certificate() == null) {
        return Check.of(Outcome.UNTRUSTED, "the signature carries no certificate to chain to " + anchor.describe());
      }
      key = e.certificate().getPublicKey();
      if (!verifies(key, e)) {
        return Check.of(Outcome.INVALID, "the signature does not verify with its own certificate's key (altered)");
      }
      String chain = CertificateChains.problem(e.certificate(), e.chain(), anchor.certificate(), signedAt);
      if (chain != null) {
        return Check.of(Outcome.UNTRUSTED, chain);
      }
    }
    String signer = PublicKeys.hint(key);
    SignedClaims claims = SignedClaims.check(e, subject);
    if (!claims.namesSubject()) {
      return new Check(Outcome.INVALID, signer, "signed by " + signer + " but the claims do not name " + subject
          + ": " + claims.reason(), Map.of());
    }
    return new Check(Outcome.VERIFIED, signer, "verified with " + anchor.describe(), claims.annotations());
  }

  /** True when any of the entry's signatures verifies with {@code key}. */
  private static boolean verifies(PublicKey key, SignedEntry e) {
    for (byte[] sig : e.signatures()) {
      try {
        verify(key, e.signedData(), sig);
        return true;
      } catch (SignatureVerificationException | UnsupportedKeyException | RuntimeException ignored) {
        // try the next one
      }
    }
    return false;
  }

  /** The key's natural algorithm; Ed25519 keys also accept Ed25519ph, which cosign uses for images. */
  private static void verify(PublicKey key, byte[] data, byte[] sig)
      throws SignatureVerificationException, UnsupportedKeyException {
    Verifier v = Verifiers.from(key);
    try {
      v.verify(data, sig);
    } catch (SignatureVerificationException ex) {
      if (v.algorithm() != SignatureAlgorithm.ED25519) {
        throw ex;
      }
      Verifiers.from(key, SignatureAlgorithm.ED25519PH).verify(data, sig);
    }
  }
}
