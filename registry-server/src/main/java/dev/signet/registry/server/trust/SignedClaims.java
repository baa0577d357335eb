package dev.signet.registry.server.trust;

import dev.signet.oci.Digest;
import dev.signet.payload.ClaimCheck;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.PayloadFormatException;
import dev.signet.payload.SimpleSigningPayload;
import java.util.Map;
import java.util.TreeMap;

/**
 * The claims of a verified entry, checked as cosign does: a simple-signing payload's
 * {@code docker-manifest-digest} equals the subject ({@code docker-reference} is not checked), or some
 * in-toto subject's digest equals it. The signed annotations ({@code optional} string values, the
 * matching in-toto subject's string annotations) are what required annotations are matched against.
 */
record SignedClaims(boolean namesSubject, String reason, Map<String, String> annotations) {

  static SignedClaims check(SignedEntry entry, Digest subject) {
    try {
      return switch (entry.format()) {
        case SIMPLE_SIGNING -> simpleSigning(SimpleSigningPayload.parse(entry.statement()), subject);
        case IN_TOTO -> inToto(InTotoStatement.parse(entry.statement()), subject);
      };
    } catch (PayloadFormatException e) {
      return new SignedClaims(false, "unreadable signed payload: " + e.getMessage(), Map.of());
    }
  }

  private static SignedClaims simpleSigning(SimpleSigningPayload p, Digest subject) {
    ClaimCheck c = p.checkClaims(subject, Map.of());
    return new SignedClaims(c.passed(), c.reason(), p.annotations());
  }

  private static SignedClaims inToto(InTotoStatement s, Digest subject) {
    ClaimCheck c = s.checkSubject(subject, Map.of());
    if (!c.passed()) {
      return new SignedClaims(false, c.reason(), Map.of());
    }
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
    return new SignedClaims(true, c.reason(), annotations);
  }
}
