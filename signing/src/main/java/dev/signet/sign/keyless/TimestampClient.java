package dev.signet.sign.keyless;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * An RFC 3161 timestamp authority ({@code POST} of a DER {@code TimeStampReq}, content type
 * {@code application/timestamp-query}). The timestamped data is the signature (its SHA-256), as Sigstore
 * clients do; the request asks for the TSA's certificate and carries a nonce, and the answer is checked to
 * be granted and to match the request (imprint, nonce). The URL is the full endpoint.
 */
public final class TimestampClient {
  private final URI url;
  private final ServiceHttp http;
  private final SecureRandom random;

  public TimestampClient(URI url, ServiceHttp http, SecureRandom random) {
    this.url = url;
    this.http = http;
    this.random = random;
  }

  /** The request for {@code signature}; the nonce fits 53 bits (TSAs that keep nonces as doubles echo it). */
  TimeStampRequest request(byte[] signature) {
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    g.setCertReq(true);
    return g.generate(NISTObjectIdentifiers.id_sha256, sha256(signature), new BigInteger(53, random));
  }

  /** The DER {@code TimeStampResp} for {@code signature} (a bundle's {@code signedTimestamp}). */
  public byte[] timestamp(byte[] signature) throws KeylessException {
    TimeStampRequest req = request(signature);
    byte[] der;
    try {
      der = req.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ServiceHttp.Response r = http.post(url, "application/timestamp-query", der,
        Map.of("Accept", "application/timestamp-reply"));
    if (!r.ok()) {
      throw new KeylessException("the timestamp authority at " + url + " refused the request (HTTP " + r.status()
          + "): " + Urls.reason(r));
    }
    try {
      TimeStampResponse resp = new TimeStampResponse(r.body());
      resp.validate(req);
      if (resp.getTimeStampToken() == null) {
        throw new KeylessException("the timestamp authority at " + url + " granted no timestamp: "
            + resp.getStatusString());
      }
      return resp.getEncoded();
    } catch (TSPException | IOException | RuntimeException e) {
      throw new KeylessException("the timestamp authority at " + url + " answered with an unusable timestamp: "
          + e.getMessage(), e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
