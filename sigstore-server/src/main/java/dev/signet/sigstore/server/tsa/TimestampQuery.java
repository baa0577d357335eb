package dev.signet.sigstore.server.tsa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

/**
 * A timestamp request in either form Sigstore's timestamp-authority accepts: a DER RFC 3161
 * {@code TimeStampReq} ({@code application/timestamp-query}), or the JSON form that sigstore-js sends
 * ({@code {"artifactHash": base64, "hashAlgorithm": "sha256", "nonce": n, "certificates": bool,
 * "tsaPolicyOID": oid}}). Only the shape is checked here; what the TSA accepts is its own decision.
 */
public record TimestampQuery(TimeStampRequest request) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, ASN1ObjectIdentifier> HASHES = Map.of(
      "sha256", TSPAlgorithms.SHA256, "sha384", TSPAlgorithms.SHA384, "sha512", TSPAlgorithms.SHA512);
  private static final int MAX_NONCE_BITS = 160;

  /** Parses a DER {@code TimeStampReq}. */
  public static TimestampQuery fromDer(byte[] der) throws TsaException {
    if (der.length == 0) {
      throw TsaException.badRequest("timestamp request: empty body (expected a DER TimeStampReq)");
    }
    try {
      return new TimestampQuery(new TimeStampRequest(der));
    } catch (IOException | RuntimeException e) {
      throw TsaException.badRequest("timestamp request: not a DER RFC 3161 TimeStampReq (" + e.getMessage() + ")");
    }
  }

  /** Parses the JSON request form. */
  public static TimestampQuery fromJson(byte[] json) throws TsaException {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      throw TsaException.badRequest("timestamp request: not JSON (" + e.getMessage().lines().findFirst().orElse("")
          + ")");
    }
    if (n == null || !n.isObject()) {
      throw TsaException.badRequest("timestamp request: expected a JSON object with artifactHash and hashAlgorithm");
    }
    String algorithm = n.path("hashAlgorithm").asText("sha256").toLowerCase(Locale.ROOT).replace("-", "");
    ASN1ObjectIdentifier oid = HASHES.get(algorithm);
    if (oid == null) {
      throw TsaException.badRequest("timestamp request: hashAlgorithm " + n.path("hashAlgorithm").asText()
          + " is not supported (use sha256, sha384 or sha512)");
    }
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(n.path("artifactHash").asText(""));
    } catch (IllegalArgumentException e) {
      throw TsaException.badRequest("timestamp request: artifactHash is not base64 (" + e.getMessage() + ")");
    }
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    g.setCertReq(n.path("certificates").asBoolean(false));
    if (n.hasNonNull("tsaPolicyOID")) {
      try {
        g.setReqPolicy(new ASN1ObjectIdentifier(n.get("tsaPolicyOID").asText()));
      } catch (IllegalArgumentException e) {
        throw TsaException.badRequest("timestamp request: tsaPolicyOID " + n.get("tsaPolicyOID").asText()
            + " is not an OID");
      }
    }
    BigInteger nonce = null;
    if (n.hasNonNull("nonce")) {
      JsonNode v = n.get("nonce");
      if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0
          || v.bigIntegerValue().bitLength() > MAX_NONCE_BITS) {
        throw TsaException.badRequest("timestamp request: nonce must be a non-negative integer of at most "
            + MAX_NONCE_BITS + " bits, got " + v);
      }
      nonce = v.bigIntegerValue();
    }
    try {
      return new TimestampQuery(nonce == null ? g.generate(oid, hash) : g.generate(oid, hash, nonce));
    } catch (RuntimeException e) {
      throw TsaException.badRequest("timestamp request: " + e.getMessage());
    }
  }
}
