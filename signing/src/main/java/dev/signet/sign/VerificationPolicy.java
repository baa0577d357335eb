package dev.signet.sign;

import dev.signet.oci.reference.Repository;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code verify} requires of a signature.
 *
 * @param key the public key signatures must verify with ({@code --key}); keyless is not supported yet
 * @param annotations {@code -a k=v} pairs the signed payload must carry as equal strings
 * @param checkClaims {@code --check-claims} (default true): the signed digest and annotations must match
 * @param ignoreTlog {@code --insecure-ignore-tlog}: accept signatures without a verified transparency-log
 *     entry. Signet cannot verify log entries yet, so verification only succeeds with this set
 * @param targetRepository {@code COSIGN_REPOSITORY}: where signatures are looked up instead of the image's
 *     repository
 * @param maxPayloadBytes the largest payload or bundle blob fetched ({@code COSIGN_MAX_ATTACHMENT_SIZE})
 */
public record VerificationPolicy(
    PublicKey key,
    Map<String, String> annotations,
    boolean checkClaims,
    boolean ignoreTlog,
    Optional<Repository> targetRepository,
    long maxPayloadBytes) {

  /** cosign's default payload limit: 128 MiB. */
  public static final long DEFAULT_MAX_PAYLOAD_BYTES = 128L << 20;

  public VerificationPolicy {
    Objects.requireNonNull(key, "key (keyless verification is not supported yet)");
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    targetRepository = targetRepository == null ? Optional.empty() : targetRepository;
    if (maxPayloadBytes <= 0) {
      throw new IllegalArgumentException("maxPayloadBytes must be positive");
    }
  }

  /** cosign's defaults for {@code verify --key}: claims checked, tlog required, no annotations. */
  public static VerificationPolicy forKey(PublicKey key) {
    return new VerificationPolicy(key, Map.of(), true, false, Optional.empty(), DEFAULT_MAX_PAYLOAD_BYTES);
  }

  public VerificationPolicy withAnnotations(Map<String, String> a) {
    return new VerificationPolicy(key, a, checkClaims, ignoreTlog, targetRepository, maxPayloadBytes);
  }

  public VerificationPolicy withCheckClaims(boolean c) {
    return new VerificationPolicy(key, annotations, c, ignoreTlog, targetRepository, maxPayloadBytes);
  }

  public VerificationPolicy withIgnoreTlog(boolean i) {
    return new VerificationPolicy(key, annotations, checkClaims, i, targetRepository, maxPayloadBytes);
  }

  public VerificationPolicy withTargetRepository(Optional<Repository> r) {
    return new VerificationPolicy(key, annotations, checkClaims, ignoreTlog, r, maxPayloadBytes);
  }

  public VerificationPolicy withMaxPayloadBytes(long max) {
    return new VerificationPolicy(key, annotations, checkClaims, ignoreTlog, targetRepository, max);
  }

  /** The repository signatures of {@code image} are read from. */
  public Repository signatureRepository(Repository image) {
    return targetRepository.orElse(image);
  }
}
