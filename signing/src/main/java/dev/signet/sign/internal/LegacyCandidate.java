package dev.signet.sign.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.oci.Descriptor;
import dev.signet.oci.internal.GoJson;
import dev.signet.payload.PayloadFormatException;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.VerifiedSignature;
import dev.signet.verify.Candidate;
import dev.signet.verify.LegacySignature;
import dev.signet.verify.VerificationException;
import dev.signet.verify.VerificationResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cosign v2 signature: a simple-signing payload layer with its annotations (base64 signature, and for
 * keyless signatures the certificate, chain, Rekor bundle (SET) and RFC 3161 timestamp), from the
 * {@code sha256-<hex>.sig} image or an OCI 1.1 "experimental" signature referrer. The engine checks it
 * ({@link LegacySignature}); an accepted one is reported with its payload as signed, plus the Rekor
 * bundle, timestamp and certificate fields cosign adds to {@code optional}.
 */
public final class LegacyCandidate implements VerificationCandidate {
  private final Descriptor layer;
  private final byte[] payload;
  private final String source;

  /**
   * @param layer the layer descriptor with its annotations
   * @param payload the layer blob, already digest-verified
   * @param source where the layer was listed, e.g. {@code repo:sha256-….sig}
   */
  public LegacyCandidate(Descriptor layer, byte[] payload, String source) {
    this.layer = layer;
    this.payload = payload.clone();
    this.source = source;
  }

  @Override
  public String description() {
    return "signature layer " + layer.digest() + " in " + source;
  }

  @Override
  public Prepared prepare(Target target) {
    LegacySignature signature;
    try {
      signature = LegacySignature.fromAnnotations(payload, layer.annotationsOrEmpty());
    } catch (VerificationException e) {
      return Prepared.rejected(e.getMessage());
    }
    if (signature.signature().length == 0) {
      return Prepared.rejected("the " + SignatureAnnotations.SIGNATURE + " annotation is empty");
    }
    if (target.policy().certificate().isPresent()) { // --certificate: the signer's certificate given apart
      VerificationPolicy.DetachedCertificate c = target.policy().certificate().get();
      signature = signature.withCertificate(c.certificatePem(), c.chainPem());
    }
    return Prepared.of(new Candidate.Legacy(description(), signature));
  }

  @Override
  public Verdict conclude(Target target, VerificationResult result) {
    SimpleSigningPayload parsed;
    try {
      parsed = SimpleSigningPayload.parse(payload);
    } catch (PayloadFormatException e) {
      return Verdict.rejected("cannot read the payload: " + e.getMessage());
    }
    VerifiedSignature verified = new VerifiedSignature(parsed.dockerReference(), parsed.manifestDigest(),
        parsed.type(), parsed.optional(), SignatureFormat.LEGACY, payload, null);
    return SignerIdentities.verdict(withCosignExtras(verified,
        SignatureAnnotations.fromMap(layer.annotationsOrEmpty())), result);
  }

  /** cosign's {@code PrintVerification} adds the Rekor bundle and RFC 3161 timestamp to {@code optional}. */
  private static VerifiedSignature withCosignExtras(VerifiedSignature v, SignatureAnnotations annotations) {
    JsonNode bundle = tree(annotations.rekorBundle());
    if (bundle != null && bundle.isObject()) {
      JsonNode p = bundle.path("Payload");
      v = v.withOptional("Bundle", new RekorBundle(bundle.path("SignedEntryTimestamp").asText(""),
          new RekorPayload(p.get("body"), p.path("integratedTime").asLong(), p.path("logIndex").asLong(),
              p.path("logID").asText(""))));
    }
    JsonNode ts = tree(annotations.rfc3161Timestamp());
    if (ts != null && ts.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("SignedRFC3161Timestamp", ts.path("SignedRFC3161Timestamp").asText(""));
      v = v.withOptional("RFC3161Timestamp", m);
    }
    return v;
  }

  private static JsonNode tree(String json) {
    if (json == null) {
      return null;
    }
    try {
      return GoJson.MAPPER.readTree(json);
    } catch (IOException e) {
      return null; // cosign leaves an unreadable annotation out of the output
    }
  }

  /** cosign's {@code bundle.RekorBundle}, in Go field order. */
  @JsonPropertyOrder({"SignedEntryTimestamp", "Payload"})
  record RekorBundle(
      @JsonProperty("SignedEntryTimestamp") String signedEntryTimestamp,
      @JsonProperty("Payload") RekorPayload payload) {}

  @JsonPropertyOrder({"body", "integratedTime", "logIndex", "logID"})
  record RekorPayload(JsonNode body, long integratedTime, long logIndex,
      @JsonProperty("logID") String logId) {}
}
