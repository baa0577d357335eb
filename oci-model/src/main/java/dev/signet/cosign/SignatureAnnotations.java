package dev.signet.cosign;

import java.util.Map;
import java.util.TreeMap;

/**
 * The layer annotations of a legacy {@code .sig}/{@code .att} layer ({@code cosign:pkg/oci/static}).
 * Null members are not written, except: the signature key is always written ({@code ""} when null, as
 * for attestations), and the chain key is written whenever a certificate is ({@code ""} when null).
 *
 * @param signature std base64 of the raw signature, or null/"" for attestations
 * @param certificatePem PEM leaf certificate, or null
 * @param chainPem PEM chain, or null
 * @param rekorBundle {@code dev.sigstore.cosign/bundle} JSON, or null
 * @param rfc3161Timestamp {@code dev.sigstore.cosign/rfc3161timestamp} JSON, or null
 * @param predicateType the {@code predicateType} annotation of {@code .att} layers, or null
 */
public record SignatureAnnotations(
    String signature,
    String certificatePem,
    String chainPem,
    String rekorBundle,
    String rfc3161Timestamp,
    String predicateType) {

  public static final String SIGNATURE = "dev.cosignproject.cosign/signature";
  public static final String CERTIFICATE = "dev.sigstore.cosign/certificate";
  public static final String CHAIN = "dev.sigstore.cosign/chain";
  public static final String BUNDLE = "dev.sigstore.cosign/bundle";
  public static final String RFC3161_TIMESTAMP = "dev.sigstore.cosign/rfc3161timestamp";
  public static final String PREDICATE_TYPE = "predicateType";

  /** Just a signature (key-based signing without a transparency log). */
  public static SignatureAnnotations ofSignature(String base64Signature) {
    return new SignatureAnnotations(base64Signature, null, null, null, null, null);
  }

  public SignatureAnnotations withCertificate(String certPem, String chain) {
    return new SignatureAnnotations(signature, certPem, chain, rekorBundle, rfc3161Timestamp, predicateType);
  }

  public SignatureAnnotations withRekorBundle(String bundleJson) {
    return new SignatureAnnotations(signature, certificatePem, chainPem, bundleJson, rfc3161Timestamp, predicateType);
  }

  public SignatureAnnotations withRfc3161Timestamp(String json) {
    return new SignatureAnnotations(signature, certificatePem, chainPem, rekorBundle, json, predicateType);
  }

  public SignatureAnnotations withPredicateType(String type) {
    return new SignatureAnnotations(signature, certificatePem, chainPem, rekorBundle, rfc3161Timestamp, type);
  }

  /** The annotation map cosign writes, sorted by key. */
  public Map<String, String> toMap() {
    Map<String, String> m = new TreeMap<>();
    m.put(SIGNATURE, signature == null ? "" : signature);
    if (certificatePem != null) {
      m.put(CERTIFICATE, certificatePem);
      m.put(CHAIN, chainPem == null ? "" : chainPem);
    }
    putIfSet(m, BUNDLE, rekorBundle);
    putIfSet(m, RFC3161_TIMESTAMP, rfc3161Timestamp);
    putIfSet(m, PREDICATE_TYPE, predicateType);
    return m;
  }

  /** Reads the known keys of a layer's annotations (absent keys become null). */
  public static SignatureAnnotations fromMap(Map<String, String> annotations) {
    Map<String, String> a = annotations == null ? Map.of() : annotations;
    return new SignatureAnnotations(a.get(SIGNATURE), a.get(CERTIFICATE), a.get(CHAIN), a.get(BUNDLE),
        a.get(RFC3161_TIMESTAMP), a.get(PREDICATE_TYPE));
  }

  private static void putIfSet(Map<String, String> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
