package dev.signet.testing.sigstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

/**
 * Builds a Sigstore {@code trusted_root.json} (protojson, media type
 * {@code application/vnd.dev.sigstore.trustedroot+json;version=0.1}) from test trust material, for any
 * verifier (Signet's parser, @sigstore/verify, cosign {@code --trusted-root}). A {@code null} end means
 * "still valid". Not thread-safe; build, then call {@link #toJson()}.
 */
public final class TrustedRootJson {
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final ObjectNode root = JSON.createObjectNode();

  public TrustedRootJson() {
    root.put("mediaType", MEDIA_TYPE);
    root.putArray("tlogs");
    root.putArray("certificateAuthorities");
    root.putArray("ctlogs");
    root.putArray("timestampAuthorities");
  }

  /** A transparency log ({@code tlogs[]}). */
  public TrustedRootJson tlog(String baseUrl, PublicKey key, byte[] logId, String keyDetails, Instant start,
      Instant end) {
    log((ArrayNode) root.get("tlogs"), baseUrl, key, logId, keyDetails, start, end);
    return this;
  }

  /** A {@link TestLog}, trusted from {@code start}. */
  public TrustedRootJson tlog(TestLog log, Instant start) {
    return tlog(log.baseUrl(), log.keys().getPublic(), log.logId(), log.keyDetails(), start, null);
  }

  /** A certificate-transparency log ({@code ctlogs[]}). */
  public TrustedRootJson ctlog(TestPki.CtLog log, String baseUrl, Instant start, Instant end) {
    log((ArrayNode) root.get("ctlogs"), baseUrl, log.key().getPublic(), log.logId(), "PKIX_ECDSA_P256_SHA_256",
        start, end);
    return this;
  }

  /** A certificate authority; {@code chain} issuing certificate first, root last. */
  public TrustedRootJson certificateAuthority(String uri, Instant start, Instant end, X509Certificate... chain) {
    authority((ArrayNode) root.get("certificateAuthorities"), uri, start, end, chain);
    return this;
  }

  /** A timestamp authority; {@code chain} TSA signing certificate first, root last. */
  public TrustedRootJson timestampAuthority(String uri, Instant start, Instant end, X509Certificate... chain) {
    authority((ArrayNode) root.get("timestampAuthorities"), uri, start, end, chain);
    return this;
  }

  public byte[] toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void log(ArrayNode list, String baseUrl, PublicKey key, byte[] logId, String keyDetails,
      Instant start, Instant end) {
    ObjectNode n = list.addObject();
    n.put("baseUrl", baseUrl);
    n.put("hashAlgorithm", "SHA2_256");
    ObjectNode pk = n.putObject("publicKey");
    pk.put("rawBytes", B64.encodeToString(key.getEncoded()));
    pk.put("keyDetails", keyDetails);
    validFor(pk, start, end);
    n.putObject("logId").put("keyId", B64.encodeToString(logId));
  }

  private static void authority(ArrayNode list, String uri, Instant start, Instant end, X509Certificate[] chain) {
    ObjectNode n = list.addObject();
    n.putObject("subject").put("organization", "signet.test").put("commonName", uri);
    n.put("uri", uri);
    ArrayNode certs = n.putObject("certChain").putArray("certificates");
    for (X509Certificate c : chain) {
      certs.addObject().put("rawBytes", B64.encodeToString(TestPki.der(c)));
    }
    validFor(n, start, end);
  }

  private static void validFor(ObjectNode parent, Instant start, Instant end) {
    ObjectNode v = parent.putObject("validFor");
    v.put("start", start.toString());
    if (end != null) {
      v.put("end", end.toString());
    }
  }
}
