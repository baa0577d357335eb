package dev.signet.verify;

import dev.signet.verify.x509.FulcioIdentity;
import dev.signet.verify.x509.IdentityPolicy;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a signature must satisfy. The signer is a public key or certificate-identity requirements;
 * thresholds and flags mirror cosign ({@code --insecure-ignore-tlog}, {@code --insecure-ignore-sct},
 * {@code --use-signed-timestamps}). Build with {@link #forKey} or {@link #forIdentity} and the
 * {@code with…} copies.
 *
 * @param key the trusted public key (key mode), or null
 * @param identity the certificate identity check (keyless mode), or null
 * @param tlogThreshold verified log entries needed (distinct (log, index) pairs), default 1
 * @param timestampThreshold verified observer timestamps needed (SET-backed integrated times plus RFC
 *     3161 timestamps); default 1 for certificates, 0 for keys
 * @param signedTimestampThreshold verified RFC 3161 timestamps needed; default 0, 1 with
 *     {@code --use-signed-timestamps}
 * @param sctThreshold verified embedded SCTs needed (keyless), default 1
 * @param ignoreTlog do not verify or require log entries
 * @param ignoreSct do not verify or require SCTs
 * @param checkClaims whether the artifact must match the signed claims (cosign {@code --check-claims})
 * @param annotations claims the payload or in-toto subject must carry (cosign {@code -a})
 * @param payloadType the DSSE payload type required, if any
 * @param predicateType the in-toto predicate type required, if any
 * @param currentTimeFallback check a certificate at the verifier clock's time when no verified timestamp
 *     exists (cosign's legacy path with {@code --insecure-ignore-tlog}); never used when one exists
 * @param ignoreTimestamps do not verify or count RFC 3161 timestamps (for trust material without
 *     timestamp authorities, e.g. a bring-your-own CA checked at a fixed time); requires a signed
 *     timestamp threshold of 0
 */
public record VerificationPolicy(
    PublicKey key,
    CertificateIdentityCheck identity,
    int tlogThreshold,
    int timestampThreshold,
    int signedTimestampThreshold,
    int sctThreshold,
    boolean ignoreTlog,
    boolean ignoreSct,
    boolean checkClaims,
    Map<String, String> annotations,
    Optional<String> payloadType,
    Optional<String> predicateType,
    boolean currentTimeFallback,
    boolean ignoreTimestamps) {

  public VerificationPolicy {
    if ((key == null) == (identity == null)) {
      throw new IllegalArgumentException("a policy needs exactly one of a public key and a certificate identity");
    }
    if (ignoreTimestamps && signedTimestampThreshold > 0) {
      throw new IllegalArgumentException("a policy cannot ignore RFC 3161 timestamps and require "
          + signedTimestampThreshold + " of them");
    }
    if (tlogThreshold < 0 || timestampThreshold < 0 || signedTimestampThreshold < 0 || sctThreshold < 0) {
      throw new IllegalArgumentException("thresholds cannot be negative");
    }
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    payloadType = payloadType == null ? Optional.empty() : payloadType;
    predicateType = predicateType == null ? Optional.empty() : predicateType;
  }

  /** Key mode: one log entry required, no timestamps needed (a key has no validity window). */
  public static VerificationPolicy forKey(PublicKey key) {
    return new VerificationPolicy(Objects.requireNonNull(key, "key"), null, 1, 0, 0, 0, false, false, true,
        Map.of(), Optional.empty(), Optional.empty(), false, false);
  }

  /** Keyless mode: one log entry, one observer timestamp and one SCT required. */
  public static VerificationPolicy forIdentity(CertificateIdentityCheck identity) {
    return new VerificationPolicy(null, Objects.requireNonNull(identity, "identity"), 1, 1, 0, 1, false, false,
        true, Map.of(), Optional.empty(), Optional.empty(), false, false);
  }

  /**
   * Keyless mode with cosign's identity policy ({@code --certificate-identity[-regexp]},
   * {@code --certificate-oidc-issuer[-regexp]}, {@code --certificate-github-workflow-*}), checked
   * against the leaf's {@link FulcioIdentity}; thresholds as {@link #forIdentity(CertificateIdentityCheck)}.
   */
  public static VerificationPolicy forIdentity(IdentityPolicy identity) {
    return forIdentity((CertificateIdentityCheck) Objects.requireNonNull(identity, "identity"));
  }

  public boolean isKeyMode() {
    return key != null;
  }

  /** cosign {@code --insecure-ignore-tlog}: log entries are neither verified nor required. */
  public VerificationPolicy ignoringTlog() {
    return new VerificationPolicy(key, identity, 0, timestampThreshold, signedTimestampThreshold, sctThreshold,
        true, ignoreSct, checkClaims, annotations, payloadType, predicateType, currentTimeFallback, ignoreTimestamps);
  }

  /** cosign {@code --insecure-ignore-sct}. */
  public VerificationPolicy ignoringSct() {
    return new VerificationPolicy(key, identity, tlogThreshold, timestampThreshold, signedTimestampThreshold, 0,
        ignoreTlog, true, checkClaims, annotations, payloadType, predicateType, currentTimeFallback, ignoreTimestamps);
  }

  /** cosign {@code --use-signed-timestamps}: at least one RFC 3161 timestamp. */
  public VerificationPolicy usingSignedTimestamps() {
    return withSignedTimestampThreshold(Math.max(1, signedTimestampThreshold));
  }

  public VerificationPolicy withTlogThreshold(int n) {
    return new VerificationPolicy(key, identity, n, timestampThreshold, signedTimestampThreshold, sctThreshold,
        ignoreTlog, ignoreSct, checkClaims, annotations, payloadType, predicateType, currentTimeFallback, ignoreTimestamps);
  }

  public VerificationPolicy withTimestampThreshold(int n) {
    return new VerificationPolicy(key, identity, tlogThreshold, n, signedTimestampThreshold, sctThreshold,
        ignoreTlog, ignoreSct, checkClaims, annotations, payloadType, predicateType, currentTimeFallback, ignoreTimestamps);
  }

  public VerificationPolicy withSignedTimestampThreshold(int n) {
    return new VerificationPolicy(key, identity, tlogThreshold, timestampThreshold, n, sctThreshold,
        ignoreTlog, ignoreSct, checkClaims, annotations, payloadType, predicateType, currentTimeFallback, ignoreTimestamps);
  }

  public VerificationPolicy withSctThreshold(int n) {
    return new VerificationPolicy(key, identity, tlogThreshold, timestampThreshold, signedTimestampThreshold, n,
        ignoreTlog, ignoreSct, checkClaims, annotations, payloadType, predicateType, currentTimeFallback, ignoreTimestamps);
  }

  /** cosign {@code --check-claims=false}: signature only, the artifact is not matched. */
  public VerificationPolicy withoutClaimCheck() {
    return new VerificationPolicy(key, identity, tlogThreshold, timestampThreshold, signedTimestampThreshold,
        sctThreshold, ignoreTlog, ignoreSct, false, annotations, payloadType, predicateType, currentTimeFallback, ignoreTimestamps);
  }

  public VerificationPolicy withAnnotations(Map<String, String> required) {
    return new VerificationPolicy(key, identity, tlogThreshold, timestampThreshold, signedTimestampThreshold,
        sctThreshold, ignoreTlog, ignoreSct, checkClaims, required, payloadType, predicateType, currentTimeFallback, ignoreTimestamps);
  }

  public VerificationPolicy expectingPayloadType(String type) {
    return new VerificationPolicy(key, identity, tlogThreshold, timestampThreshold, signedTimestampThreshold,
        sctThreshold, ignoreTlog, ignoreSct, checkClaims, annotations, Optional.of(type), predicateType,
        currentTimeFallback, ignoreTimestamps);
  }

  public VerificationPolicy expectingPredicateType(String type) {
    return new VerificationPolicy(key, identity, tlogThreshold, timestampThreshold, signedTimestampThreshold,
        sctThreshold, ignoreTlog, ignoreSct, checkClaims, annotations, payloadType, Optional.of(type),
        currentTimeFallback, ignoreTimestamps);
  }

  /**
   * RFC 3161 timestamps are neither verified nor counted, as a key-mode policy without timestamp
   * thresholds already treats them: for trusted roots without timestamp authorities (a certificate
   * authority checked at a fixed time), where a signature's timestamp cannot be verified but is not
   * needed either. Sets the signed-timestamp threshold to 0.
   */
  public VerificationPolicy ignoringTimestamps() {
    return new VerificationPolicy(key, identity, tlogThreshold, timestampThreshold, 0, sctThreshold, ignoreTlog,
        ignoreSct, checkClaims, annotations, payloadType, predicateType, currentTimeFallback, true);
  }

  public VerificationPolicy withCurrentTimeFallback() {
    return new VerificationPolicy(key, identity, tlogThreshold, timestampThreshold, signedTimestampThreshold,
        sctThreshold, ignoreTlog, ignoreSct, checkClaims, annotations, payloadType, predicateType, true,
        ignoreTimestamps);
  }
}
