package dev.signet.sign.keyless;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.payload.DsseEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The log requests for a {@link LogContent}, as cosign and sigstore-js write them: Rekor v1
 * {@code hashedrekord 0.0.1} for message signatures and {@code intoto 0.0.2} for DSSE envelopes; Rekor v2
 * {@code hashedRekordRequestV002} for both (a DSSE envelope is logged as the digest of its PAE and its
 * signature, Rekor v2 having dropped the dsse type). Pure: no I/O.
 */
public final class RekorEntries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper SORTED =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private RekorEntries() {}

  /** How Rekor v1 logs a DSSE envelope: {@code intoto 0.0.2} or {@code dsse 0.0.1}. */
  public enum DsseEntryType { INTOTO, DSSE }

  /** The v1 {@code ProposedEntry}. */
  public static ObjectNode v1(LogContent content, DsseEntryType dsseType) throws KeylessException {
    if (content.isDsse()) {
      return dsseType == DsseEntryType.DSSE ? dsseV001(content.envelope(), content.verifier().pem())
          : intotoV002(content.envelope(), content.verifier().pem());
    }
    return hashedRekordV001(content.message().digest(), content.message().algorithm(), content.signature(),
            content.verifier().pem());
  }

  /** The v2 {@code CreateEntryRequest}. */
  public static ObjectNode v2(LogContent content) throws KeylessException {
    LogVerifier v = content.verifier();
    byte[] digest = content.isDsse() ? hash(v.hashAlgorithm(), content.envelope().pae()) : content.message().digest();
    ObjectNode req = JSON.createObjectNode();
    ObjectNode spec = req.putObject("hashedRekordRequestV002");
    spec.put("digest", B64.encodeToString(digest));
    ObjectNode sig = spec.putObject("signature");
    sig.put("content", B64.encodeToString(content.signature()));
    ObjectNode verifier = sig.putObject("verifier");
    verifier.putObject(v.certificate() ? "x509Certificate" : "publicKey").put("rawBytes", B64.encodeToString(v.der()));
    verifier.put("keyDetails", v.keyDetails());
    return req;
  }

  static ObjectNode hashedRekordV001(byte[] digest, String protoHash, byte[] signature, String verifierPem) {
    ObjectNode e = JSON.createObjectNode();
    e.put("apiVersion", "0.0.1");
    e.put("kind", "hashedrekord");
    ObjectNode spec = e.putObject("spec");
    ObjectNode hash = spec.putObject("data").putObject("hash");
    hash.put("algorithm", rekorHashName(protoHash));
    hash.put("value", HexFormat.of().formatHex(digest));
    ObjectNode sig = spec.putObject("signature");
    sig.put("content", B64.encodeToString(signature));
    sig.putObject("publicKey").put("content", B64.encodeToString(verifierPem.getBytes(StandardCharsets.US_ASCII)));
    return e;
  }

  static ObjectNode dsseV001(DsseEnvelope envelope, String verifierPem) {
    ObjectNode e = JSON.createObjectNode();
    e.put("apiVersion", "0.0.1");
    e.put("kind", "dsse");
    ObjectNode pc = e.putObject("spec").putObject("proposedContent");
    pc.put("envelope", new String(envelope.toJson(), StandardCharsets.UTF_8));
    pc.putArray("verifiers").add(B64.encodeToString(verifierPem.getBytes(StandardCharsets.US_ASCII)));
    return e;
  }

  static ObjectNode intotoV002(DsseEnvelope envelope, String verifierPem) throws KeylessException {
    if (envelope.signatures().size() != 1) {
      throw new KeylessException("a DSSE envelope to log needs exactly one signature");
    }
    DsseEnvelope.Signature s = envelope.signatures().get(0);
    String keyB64 = B64.encodeToString(verifierPem.getBytes(StandardCharsets.US_ASCII));
    String payloadB64 = B64.encodeToString(envelope.payload());
    String sigB64 = B64.encodeToString(s.sig());
    // The envelope hash: SHA-256 of the canonical JSON of the envelope with the verifier in the signature.
    ObjectNode hashed = JSON.createObjectNode();
    hashed.put("payloadType", envelope.payloadType());
    hashed.put("payload", payloadB64);
    ObjectNode hs = hashed.putArray("signatures").addObject();
    hs.put("sig", sigB64);
    hs.put("publicKey", verifierPem);
    if (s.keyid() != null && !s.keyid().isEmpty()) {
      hs.put("keyid", s.keyid());
    }
    String envelopeHash = HexFormat.of().formatHex(hash("SHA-256", canonical(hashed)));

    ObjectNode e = JSON.createObjectNode();
    e.put("apiVersion", "0.0.2");
    e.put("kind", "intoto");
    ObjectNode c = e.putObject("spec").putObject("content");
    ObjectNode env = c.putObject("envelope");
    env.put("payloadType", envelope.payloadType());
    env.put("payload", B64.encodeToString(payloadB64.getBytes(StandardCharsets.US_ASCII)));
    ObjectNode es = env.putArray("signatures").addObject();
    es.put("sig", B64.encodeToString(sigB64.getBytes(StandardCharsets.US_ASCII)));
    es.put("publicKey", keyB64);
    if (s.keyid() != null && !s.keyid().isEmpty()) {
      es.put("keyid", s.keyid());
    }
    c.putObject("hash").put("algorithm", "sha256").put("value", envelopeHash);
    c.putObject("payloadHash").put("algorithm", "sha256")
        .put("value", HexFormat.of().formatHex(hash("SHA-256", envelope.payload())));
    return e;
  }

  /** RFC 8785 for these objects: sorted keys, no whitespace (their strings are ASCII). */
  static byte[] canonical(ObjectNode node) {
    try {
      Object plain = SORTED.treeToValue(node, Object.class);
      return SORTED.writeValueAsBytes(plain);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String rekorHashName(String protoHash) {
    return switch (protoHash) {
      case "SHA2_384" -> "sha384";
      case "SHA2_512" -> "sha512";
      default -> "sha256";
    };
  }

  static byte[] hash(String jca, byte[] data) {
    try {
      return MessageDigest.getInstance(jca.toUpperCase(Locale.ROOT)).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jca + " is a JDK-mandated digest", e);
    }
  }
}
