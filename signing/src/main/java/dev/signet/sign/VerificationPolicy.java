package dev.signet.sign;

import dev.signet.oci.reference.Repository;
import dev.signet.verify.x509.IdentityPolicy;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code verify} requires of an image signature: cosign's flags, turned into one policy of the
 * verification engine ({@link #engine()}) plus what only image verification needs (where signatures
 * are read, how large they may be, which storage format is read).
 *
 * @param key the public key signatures must verify with ({@code --key}), or null in keyless mode
 * @param identity the certificate identity a keyless signature must carry ({@code --certificate-identity…},
 *     {@code --certificate-oidc-issuer…}, {@code --certificate-github-workflow-*}), or null in key mode
 * @param annotations {@code -a k=v} pairs the signed payload must carry as equal strings
 * @param checkClaims {@code --check-claims} (default true): the signed digest and annotations must match
 * @param ignoreTlog {@code --insecure-ignore-tlog}: accept signatures without a verified transparency-log
 *     entry; in keyless mode the certificate is then checked at an RFC 3161 time or, failing that, now
 * @param ignoreSct {@code --insecure-ignore-sct}: keyless certificates need no verified embedded SCT
 * @param signedTimestamps {@code --use-signed-timestamps}: at least one verified RFC 3161 timestamp
 * @param legacyOnly {@code --new-bundle-format=false}: only legacy {@code .sig} signatures are read
 * @param certificate {@code --certificate} (with {@code --certificate-chain}): the signing certificate
 *     for legacy signatures that carry none, or another one than they carry
 * @param targetRepository {@code COSIGN_REPOSITORY}: where signatures are looked up instead of the image's
 *     repository
 * @param maxPayloadBytes the largest payload or bundle blob fetched ({@code COSIGN_MAX_ATTACHMENT_SIZE})
 */
public record VerificationPolicy(
    PublicKey key,
    IdentityPolicy identity,
    Map<String, String> annotations,
    boolean checkClaims,
    boolean ignoreTlog,
    boolean ignoreSct,
    boolean signedTimestamps,
    boolean legacyOnly,
    Optional<DetachedCertificate> certificate,
    Optional<Repository> targetRepository,
    long maxPayloadBytes) {

  /** cosign's default payload limit: 128 MiB. */
  public static final long DEFAULT_MAX_PAYLOAD_BYTES = 128L << 20;

  /** {@code --certificate} and {@code --certificate-chain} as PEM text (chain may be null). */
  public record DetachedCertificate(String certificatePem, String chainPem) {
    public DetachedCertificate {
      Objects.requireNonNull(certificatePem, "certificatePem");
    }
  }

  public VerificationPolicy {
    if ((key == null) == (identity == null)) {
      throw new IllegalArgumentException("a policy needs exactly one of a public key and a certificate identity");
    }
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    certificate = certificate == null ? Optional.empty() : certificate;
    targetRepository = targetRepository == null ? Optional.empty() : targetRepository;
    if (maxPayloadBytes <= 0) {
      throw new IllegalArgumentException("maxPayloadBytes must be positive");
    }
  }

  /** cosign's defaults for {@code verify --key}: claims checked, tlog required, no annotations. */
  public static VerificationPolicy forKey(PublicKey key) {
    return new VerificationPolicy(Objects.requireNonNull(key, "key"), null, Map.of(), true, false, false, false,
        false, Optional.empty(), Optional.empty(), DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /** cosign's defaults for keyless {@code verify}: claims, tlog, an observer timestamp and an SCT required. */
  public static VerificationPolicy forIdentity(IdentityPolicy identity) {
    return new VerificationPolicy(null, Objects.requireNonNull(identity, "identity"), Map.of(), true, false, false,
        false, false, Optional.empty(), Optional.empty(), DEFAULT_MAX_PAYLOAD_BYTES);
  }

  public boolean isKeyMode() {
    return key != null;
  }

  public VerificationPolicy withAnnotations(Map<String, String> a) {
    return new VerificationPolicy(key, identity, a, checkClaims, ignoreTlog, ignoreSct, signedTimestamps, legacyOnly,
        certificate, targetRepository, maxPayloadBytes);
  }

  public VerificationPolicy withCheckClaims(boolean c) {
    return new VerificationPolicy(key, identity, annotations, c, ignoreTlog, ignoreSct, signedTimestamps, legacyOnly,
        certificate, targetRepository, maxPayloadBytes);
  }

  public VerificationPolicy withIgnoreTlog(boolean i) {
    return new VerificationPolicy(key, identity, annotations, checkClaims, i, ignoreSct, signedTimestamps, legacyOnly,
        certificate, targetRepository, maxPayloadBytes);
  }

  public VerificationPolicy withIgnoreSct(boolean i) {
    return new VerificationPolicy(key, identity, annotations, checkClaims, ignoreTlog, i, signedTimestamps, legacyOnly,
        certificate, targetRepository, maxPayloadBytes);
  }

  public VerificationPolicy withSignedTimestamps(boolean s) {
    return new VerificationPolicy(key, identity, annotations, checkClaims, ignoreTlog, ignoreSct, s, legacyOnly,
        certificate, targetRepository, maxPayloadBytes);
  }

  public VerificationPolicy withLegacyOnly(boolean l) {
    return new VerificationPolicy(key, identity, annotations, checkClaims, ignoreTlog, ignoreSct, signedTimestamps, l,
        certificate, targetRepository, maxPayloadBytes);
  }

  public VerificationPolicy withCertificate(Optional<DetachedCertificate> c) {
    return new VerificationPolicy(key, identity, annotations, checkClaims, ignoreTlog, ignoreSct, signedTimestamps,
        legacyOnly, c, targetRepository, maxPayloadBytes);
  }

  public VerificationPolicy withTargetRepository(Optional<Repository> r) {
    return new VerificationPolicy(key, identity, annotations, checkClaims, ignoreTlog, ignoreSct, signedTimestamps,
        legacyOnly, certificate, r, maxPayloadBytes);
  }

  public VerificationPolicy withMaxPayloadBytes(long max) {
    return new VerificationPolicy(key, identity, annotations, checkClaims, ignoreTlog, ignoreSct, signedTimestamps,
        legacyOnly, certificate, targetRepository, max);
  }

  /** The repository signatures of {@code image} are read from. */
  public Repository signatureRepository(Repository image) {
    return targetRepository.orElse(image);
  }

  /**
   * The engine's policy for these flags. Built once per {@link ImageVerifier#verifyAll} (and per
   * {@link ImageVerifier#verify}); it holds no per-image state.
   */
  public dev.signet.verify.VerificationPolicy engine() {
    dev.signet.verify.VerificationPolicy p = isKeyMode()
        ? dev.signet.verify.VerificationPolicy.forKey(key)
        : dev.signet.verify.VerificationPolicy.forIdentity(identity);
    if (ignoreTlog) {
      p = p.ignoringTlog();
      if (!isKeyMode()) {
        // cosign's legacy path: without a log entry the certificate is checked at a verified RFC 3161
        // time, else at the current time (an expired certificate then fails).
        p = p.withTimestampThreshold(0).withCurrentTimeFallback();
      }
    }
    if (ignoreSct) {
      p = p.ignoringSct();
    }
    if (signedTimestamps) {
      p = p.usingSignedTimestamps();
    }
    p = p.withAnnotations(annotations);
    return checkClaims ? p : p.withoutClaimCheck();
  }
}
