package dev.signet.verify;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.ClaimCheck;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.PayloadFormatException;
import dev.signet.payload.SimpleSigningPayload;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Whether the verified signature is about the artifact: the DSSE payload type and in-toto predicate
 * type the policy names, the in-toto subject (cosign's {@code IntotoSubjectClaimVerifier}), the
 * simple-signing claims ({@code SimpleClaimVerifier}), or for a blob signed directly, the blob itself.
 * Message signatures are bound to the artifact by the signature check already.
 */
final class ArtifactCheck {
  private ArtifactCheck() {}

  static void check(SignedMaterial m, Artifact artifact, VerificationPolicy policy) throws VerificationException {
    switch (m.kind()) {
      case DSSE -> dsse(m, artifact, policy);
      case LEGACY -> legacy(m, artifact, policy);
      case MESSAGE -> {
        if (policy.payloadType().isPresent() || policy.predicateType().isPresent()) {
          throw new VerificationException(Check.ARTIFACT, m.description() + " holds a message signature, but the"
              + " policy expects a DSSE " + policy.payloadType().orElse(MediaTypes.IN_TOTO) + " envelope");
        }
      }
    }
  }

  private static void dsse(SignedMaterial m, Artifact artifact, VerificationPolicy policy)
      throws VerificationException {
    String type = m.envelope().payloadType();
    if (policy.payloadType().isPresent() && !policy.payloadType().get().equals(type)) {
      throw new VerificationException(Check.ARTIFACT, m.description() + ": DSSE payload type \"" + type
          + "\" is not the expected \"" + policy.payloadType().get() + "\"");
    }
    if (!policy.checkClaims() && policy.predicateType().isEmpty()) {
      return;
    }
    if (!MediaTypes.IN_TOTO.equals(type)) {
      throw new VerificationException(Check.ARTIFACT, m.description() + ": DSSE payload type \"" + type
          + "\" is not in-toto (" + MediaTypes.IN_TOTO + "), so it names no artifact");
    }
    InTotoStatement statement;
    try {
      statement = InTotoStatement.parse(m.envelope().payload());
    } catch (PayloadFormatException e) {
      throw new VerificationException(Check.ARTIFACT, m.description() + ": the in-toto statement does not parse: "
          + e.getMessage());
    }
    if (policy.predicateType().isPresent() && !policy.predicateType().get().equals(statement.predicateType())) {
      throw new VerificationException(Check.ARTIFACT, m.description() + ": predicate type \""
          + statement.predicateType() + "\" is not the expected \"" + policy.predicateType().get() + "\"");
    }
    if (policy.checkClaims()) {
      ClaimCheck c = statement.checkSubject(ociDigest(m, artifact), policy.annotations());
      if (!c.passed()) {
        throw new VerificationException(Check.ARTIFACT, m.description() + ": " + c.reason());
      }
    }
  }

  private static void legacy(SignedMaterial m, Artifact artifact, VerificationPolicy policy)
      throws VerificationException {
    if (!policy.checkClaims()) {
      return;
    }
    SimpleSigningPayload payload = null;
    try {
      payload = SimpleSigningPayload.parse(m.legacyPayload());
    } catch (PayloadFormatException e) {
      // not a simple-signing payload: a blob signed directly
    }
    if (payload != null && payload.manifestDigest() != null) {
      ClaimCheck c = payload.checkClaims(ociDigest(m, artifact), policy.annotations());
      if (!c.passed()) {
        throw new VerificationException(Check.ARTIFACT, m.description() + ": " + c.reason());
      }
      return;
    }
    String jca = switch (artifact.digestAlgorithm()) {
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> "SHA-256";
    };
    byte[] expected = artifact.digest(jca).orElseThrow();
    if (!MessageDigest.isEqual(expected, Artifact.hash(jca, m.legacyPayload()))) {
      throw new VerificationException(Check.ARTIFACT, m.description() + ": the signed payload is neither a"
          + " simple-signing payload nor the " + artifact);
    }
  }

  private static Digest ociDigest(SignedMaterial m, Artifact artifact) throws VerificationException {
    String alg = artifact.digestAlgorithm();
    if (!Digest.SHA256.equals(alg) && !Digest.SHA512.equals(alg)) {
      throw new VerificationException(Check.ARTIFACT, m.description() + ": claims name sha256 or sha512 digests,"
          + " the artifact was given as " + alg);
    }
    String jca = Digest.SHA256.equals(alg) ? "SHA-256" : "SHA-512";
    return new Digest(alg, HexFormat.of().formatHex(artifact.digest(jca).orElseThrow()));
  }
}
