package dev.signet.sign;

import dev.signet.oci.internal.GoJson;
import dev.signet.payload.PayloadFormatException;
import dev.signet.payload.SimpleSigningPayload;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One verified signature as {@code cosign verify} reports it: the simple-signing view
 * ({@code critical.identity.docker-reference}, {@code critical.image.docker-manifest-digest},
 * {@code critical.type}, {@code optional}) plus where it came from.
 *
 * <p>For a legacy signature the fields are the signed payload's (docker-reference is the repository the
 * signer named, without tag or digest). For a bundle they are cosign's {@code transformOutput} of the
 * in-toto statement: docker-reference is the verified reference as given (normalised, with its tag or
 * digest), type is the statement's {@code predicateType}, optional is the subject's annotations
 * ({@code {}} when it has none, as cosign's {@code structpb.AsMap} yields an empty map).
 *
 * @param optional the {@code optional} object (unmodifiable), or null for JSON {@code null}
 * @param payload what {@code -o text} prints: the signed simple-signing payload as stored (legacy), or
 *     the compact simple-signing JSON of this view (bundle, as cosign prints its transformed output)
 * @param certificate the signing certificate's identity (keyless), or null (key mode)
 */
public record VerifiedSignature(
    String dockerReference,
    String digest,
    String type,
    Map<String, Object> optional,
    SignatureFormat format,
    byte[] payload,
    SignerCertificate certificate) {

  public VerifiedSignature {
    Objects.requireNonNull(format, "format");
    optional = optional == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(optional));
    payload = Objects.requireNonNull(payload, "payload").clone();
  }

  /** The view of a legacy simple-signing payload (parsed as Go does: field names case-insensitively). */
  public static VerifiedSignature ofLegacyPayload(byte[] payload) throws PayloadFormatException {
    SimpleSigningPayload p = SimpleSigningPayload.parse(payload);
    return new VerifiedSignature(p.dockerReference(), p.manifestDigest(), p.type(), p.optional(),
        SignatureFormat.LEGACY, payload, null);
  }

  /** The transformed view of a verified bundle; {@link #payload()} is its simple-signing JSON. */
  public static VerifiedSignature ofBundle(String reference, String digest, String predicateType,
      Map<String, Object> subjectAnnotations) {
    Map<String, Object> optional = subjectAnnotations == null ? Map.of() : subjectAnnotations;
    byte[] json = GoJson.write(VerificationOutput.entry(reference, digest, predicateType, optional));
    return new VerifiedSignature(reference, digest, predicateType, optional, SignatureFormat.BUNDLE, json, null);
  }

  /** A copy whose {@code optional} also holds {@code key: value} (creating the map if it was null). */
  public VerifiedSignature withOptional(String key, Object value) {
    Map<String, Object> next = optional == null ? new LinkedHashMap<>() : new LinkedHashMap<>(optional);
    next.put(key, value);
    return new VerifiedSignature(dockerReference, digest, type, next, format, payload, certificate);
  }

  /**
   * A copy that records the signing certificate and, as cosign's {@code PrintVerification} does, adds
   * its {@link SignerCertificate#optionalFields()} to {@code optional} (creating the map if it was null).
   */
  public VerifiedSignature withCertificate(SignerCertificate cert) {
    Map<String, Object> next = optional == null ? new LinkedHashMap<>() : new LinkedHashMap<>(optional);
    next.putAll(cert.optionalFields());
    return new VerifiedSignature(dockerReference, digest, type, next, format, payload, cert);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifiedSignature v
        && Objects.equals(dockerReference, v.dockerReference)
        && Objects.equals(digest, v.digest)
        && Objects.equals(type, v.type)
        && Objects.equals(optional, v.optional)
        && format == v.format
        && Arrays.equals(payload, v.payload)
        && Objects.equals(certificate, v.certificate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dockerReference, digest, type, optional, format, Arrays.hashCode(payload), certificate);
  }

  @Override
  public String toString() {
    return "VerifiedSignature[" + format + " " + dockerReference + " " + digest + " " + type + " optional="
        + optional + "]";
  }
}
