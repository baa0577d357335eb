package dev.signet.testing.sigstore;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One keyless signature made by {@link FakeSigstore}, in the forms verifiers and registries consume.
 *
 * @param payload the signed bytes: the artifact (message signature) or the DSSE payload
 * @param signature the raw signature (over the payload, or over the DSSE PAE)
 * @param leaf the Fulcio-like signing certificate (SAN, OIDC issuer extensions, embedded SCT)
 * @param chain the CA certificates above the leaf, issuing CA first, root last
 * @param bundleJson a Sigstore bundle v0.3 ({@code .sigstore.json}, cosign v3 referrer layer): leaf
 *     certificate, one Rekor v1 entry with SET, inclusion proof and checkpoint, and an RFC 3161
 *     timestamp when the fake deployment issues them
 * @param legacyAnnotations cosign's legacy {@code .sig} layer annotations for {@code payload} (signature,
 *     certificate, chain, Rekor bundle with SET, RFC 3161 timestamp when issued); for DSSE signatures
 *     the {@code .att} layer's (the same with an empty signature)
 * @param trustedRootJson the deployment's {@code trusted_root.json} (same for every signature it makes)
 */
public record KeylessSignature(
    byte[] payload, byte[] signature, X509Certificate leaf, List<X509Certificate> chain, byte[] bundleJson,
    Map<String, String> legacyAnnotations, byte[] trustedRootJson) {

  public KeylessSignature {
    payload = payload.clone();
    signature = signature.clone();
    Objects.requireNonNull(leaf, "leaf");
    chain = List.copyOf(chain);
    bundleJson = bundleJson.clone();
    legacyAnnotations = Map.copyOf(legacyAnnotations);
    trustedRootJson = trustedRootJson.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public byte[] bundleJson() {
    return bundleJson.clone();
  }

  @Override
  public byte[] trustedRootJson() {
    return trustedRootJson.clone();
  }

  /**
   * For a DSSE signature: the one-signature envelope as cosign stores it in an {@code .att} layer
   * (standard base64), whose {@code legacyAnnotations} are the layer's annotations.
   */
  public byte[] legacyEnvelopeJson(String payloadType) {
    return new dev.signet.payload.DsseEnvelope(payloadType, payload,
        List.of(new dev.signet.payload.DsseEnvelope.Signature("", signature))).toLegacyJson();
  }

  /** The leaf as PEM (cosign's {@code dev.sigstore.cosign/certificate} annotation). */
  public String leafPem() {
    return TestPki.pem(leaf);
  }

  /** The chain as concatenated PEM (cosign's {@code dev.sigstore.cosign/chain} annotation). */
  public String chainPem() {
    StringBuilder b = new StringBuilder();
    chain.forEach(c -> b.append(TestPki.pem(c)));
    return b.toString();
  }
}
