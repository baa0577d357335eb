package dev.signet.sign;

import dev.signet.oci.reference.Repository;
import java.util.Map;
import java.util.Optional;

/**
 * How to sign: storage format, {@code -a} annotations, the {@code COSIGN_REPOSITORY} override,
 * {@code COSIGN_DOCKER_MEDIA_TYPES}, {@code --recursive}, an optional certificate and chain (PEM), and
 * whether to upload at all.
 */
public record SignOptions(
    SignatureFormat format,
    Map<String, String> annotations,
    Optional<Repository> targetRepository,
    boolean dockerMediaTypes,
    boolean recursive,
    Optional<String> certificatePem,
    Optional<String> chainPem,
    boolean upload) {

  public SignOptions {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public static SignOptions defaults() {
    return new SignOptions(
        SignatureFormat.BUNDLE, Map.of(), Optional.empty(), false, false, Optional.empty(), Optional.empty(), true);
  }

  public SignOptions withFormat(SignatureFormat f) {
    return new SignOptions(f, annotations, targetRepository, dockerMediaTypes, recursive, certificatePem, chainPem, upload);
  }

  public SignOptions withAnnotations(Map<String, String> a) {
    return new SignOptions(format, a, targetRepository, dockerMediaTypes, recursive, certificatePem, chainPem, upload);
  }

  public SignOptions withTargetRepository(Optional<Repository> r) {
    return new SignOptions(format, annotations, r, dockerMediaTypes, recursive, certificatePem, chainPem, upload);
  }

  public SignOptions withDockerMediaTypes(boolean d) {
    return new SignOptions(format, annotations, targetRepository, d, recursive, certificatePem, chainPem, upload);
  }

  public SignOptions withRecursive(boolean r) {
    return new SignOptions(format, annotations, targetRepository, dockerMediaTypes, r, certificatePem, chainPem, upload);
  }

  public SignOptions withCertificate(Optional<String> cert, Optional<String> chain) {
    return new SignOptions(format, annotations, targetRepository, dockerMediaTypes, recursive, cert, chain, upload);
  }

  public SignOptions withUpload(boolean u) {
    return new SignOptions(format, annotations, targetRepository, dockerMediaTypes, recursive, certificatePem, chainPem, u);
  }

  /** The repository signatures for {@code image} are stored in. */
  public Repository storageFor(Repository image) {
    return targetRepository.orElse(image);
  }
}
