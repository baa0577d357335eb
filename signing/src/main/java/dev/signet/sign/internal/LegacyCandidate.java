package dev.signet.sign.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.oci.Descriptor;
import dev.signet.oci.internal.GoJson;
import dev.signet.payload.ClaimCheck;
import dev.signet.payload.PayloadFormatException;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.VerifiedSignature;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cosign v2 signature: a simple-signing payload layer with its base64 signature annotation, from the
 * {@code sha256-<hex>.sig} image or an OCI 1.1 "experimental" signature referrer. Checked in cosign's
 * order: transparency-log rule, signature over the payload bytes, then claims (digest and {@code -a}
 * annotations; {@code docker-reference} is not checked, as in cosign).
 */
public final class LegacyCandidate implements VerificationCandidate {
  private static final String REKOR_UNSUPPORTED = "verifying Rekor bundles needs a trusted root: not supported"
      + " yet; pass --insecure-ignore-tlog=true to verify the signature with the key alone";

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
  public Verdict check(Target target) {
    VerificationPolicy policy = target.policy();
    SignatureAnnotations annotations = SignatureAnnotations.fromMap(layer.annotationsOrEmpty());
    if (!policy.ignoreTlog()) {
      return Verdict.rejected(annotations.rekorBundle() != null ? REKOR_UNSUPPORTED : NO_TLOG_ENTRY);
    }
    String b64 = annotations.signature();
    if (b64 == null || b64.isEmpty()) {
      return Verdict.rejected("the layer has no " + SignatureAnnotations.SIGNATURE + " annotation");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(b64.trim());
    } catch (IllegalArgumentException e) {
      return Verdict.rejected("the signature annotation is not valid base64: " + e.getMessage());
    }
    try {
      SignatureChecks.verify(policy.key(), payload, signature);
    } catch (SignatureVerificationException e) {
      return Verdict.rejected("invalid signature: the signature does not verify over the payload with the given key");
    } catch (UnsupportedKeyException e) {
      return Verdict.rejected("the given key cannot verify signatures: " + e.getMessage());
    }
    SimpleSigningPayload parsed;
    try {
      parsed = SimpleSigningPayload.parse(payload);
    } catch (PayloadFormatException e) {
      return Verdict.rejected("cannot read the payload: " + e.getMessage());
    }
    if (policy.checkClaims()) {
      ClaimCheck claims = parsed.checkClaims(target.digest(), policy.annotations());
      if (!claims.passed()) {
        return Verdict.rejected("claims: " + claims.reason());
      }
    }
    VerifiedSignature verified = new VerifiedSignature(parsed.dockerReference(), parsed.manifestDigest(),
        parsed.type(), parsed.optional(), SignatureFormat.LEGACY, payload);
    return Verdict.verified(withCosignExtras(verified, annotations));
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
