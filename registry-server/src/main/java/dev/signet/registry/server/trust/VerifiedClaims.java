package dev.signet.registry.server.trust;

import dev.signet.oci.Digest;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.PayloadFormatException;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.verify.VerificationResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a payload the engine verified says, for the decision at pull time (the engine has already
 * checked that it names the subject): the signed annotations (simple-signing {@code optional} string
 * values, or the matching in-toto subject's string annotations), which required annotations are
 * matched against, and the in-toto predicate type, which required attestations are matched against.
 *
 * @param predicateType the in-toto predicate type, null for simple-signing payloads
 */
record VerifiedClaims(Map<String, String> annotations, String predicateType) {

  static VerifiedClaims of(VerificationResult r, Digest subject) {
    try {
      if (r.payloadType().isPresent()) {
        return inToto(InTotoStatement.parse(r.payload()), subject);
      }
      return new VerifiedClaims(SimpleSigningPayload.parse(r.payload()).annotations(), null);
    } catch (PayloadFormatException e) {
      return new VerifiedClaims(Map.of(), null); // the engine parsed it already; nothing more to read
    }
  }

  private static VerifiedClaims inToto(InTotoStatement s, Digest subject) {
    Map<String, String> annotations = new TreeMap<>();
    for (InTotoStatement.Subject sub : s.subjects()) {
      if (subject.hex().equals(sub.digest().get(subject.algorithm())) && sub.annotations() != null) {
        sub.annotations().forEach((k, v) -> {
          if (v instanceof String str) {
            annotations.putIfAbsent(k, str);
          }
        });
      }
    }
    return new VerifiedClaims(annotations, s.predicateType());
  }
}
