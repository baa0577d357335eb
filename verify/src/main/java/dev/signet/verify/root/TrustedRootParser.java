package dev.signet.verify.root;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.internal.Digests;
import dev.signet.verify.x509.Certificates;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a Sigstore {@code trusted_root.json} (protobuf-specs {@code TrustedRoot} in protojson form).
 * Accepts media types v0.1 and v0.2; unknown fields (v0.2 {@code checkpointKeyId}, {@code operator},
 * {@code hashAlgorithm}) are ignored. Pure: bytes in, {@link TrustedRoot} out.
 */
public final class TrustedRootParser {

  /** The media type sigstore-go and sigstore-java accept (trap T1); the writer's default. */
  public static final String MEDIA_TYPE_V01 = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";
  public static final String MEDIA_TYPE_V02 = "application/vnd.dev.sigstore.trustedroot.v0.2+json";

  static final Set<String> MEDIA_TYPES = Set.of(
      MEDIA_TYPE_V01,
      MEDIA_TYPE_V02,
      "application/vnd.dev.sigstore.trustedroot+json;version=0.2",
      "application/vnd.dev.sigstore.trustedroot.v0.1+json");

  private static final ObjectMapper JSON = new ObjectMapper();

  private TrustedRootParser() {}

  /**
   * Parses {@code json}.
   *
   * @throws VerificationException ({@link Check#TRUST_ROOT}) naming the malformed field
   */
  public static TrustedRoot parse(byte[] json) throws VerificationException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw fail("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw fail("not readable: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw fail("not a JSON object");
    }
    String mediaType = text(root, "mediaType", "trusted root");
    if (mediaType.isEmpty()) {
      throw fail("mediaType is missing (expected " + MEDIA_TYPE_V01 + " or " + MEDIA_TYPE_V02 + ")");
    }
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw fail("unsupported mediaType " + mediaType + " (expected " + MEDIA_TYPE_V01 + " or " + MEDIA_TYPE_V02 + ")");
    }
    return new TrustedRoot(
        mediaType,
        logs(root, "tlogs"),
        authorities(root, "certificateAuthorities"),
        logs(root, "ctlogs"),
        authorities(root, "timestampAuthorities"));
  }

  private static List<TransparencyLog> logs(JsonNode root, String field) throws VerificationException {
    List<TransparencyLog> out = new ArrayList<>();
    for (JsonNode n : array(root, field)) {
      String where = field + "[" + out.size() + "]";
      requireObject(n, where);
      JsonNode pk = n.path("publicKey");
      requireObject(pk, where + ".publicKey");
      byte[] spki = bytes(pk, "rawBytes", where + ".publicKey");
      if (spki.length == 0) {
        throw fail(where + ".publicKey.rawBytes is missing");
      }
      PublicKey key;
      try {
        key = PublicKeys.parse(spki, where + ".publicKey.rawBytes");
      } catch (CryptoException e) {
        throw fail(e.getMessage());
      }
      byte[] logId = bytes(n.path("logId"), "keyId", where + ".logId");
      if (logId.length == 0) {
        logId = Digests.sha256(spki);
      }
      out.add(new TransparencyLog(text(n, "baseUrl", where), logId, key, text(pk, "keyDetails", where + ".publicKey"),
          window(pk.get("validFor"), where + ".publicKey.validFor")));
    }
    return out;
  }

  private static List<CertificateAuthority> authorities(JsonNode root, String field) throws VerificationException {
    List<CertificateAuthority> out = new ArrayList<>();
    for (JsonNode n : array(root, field)) {
      String where = field + "[" + out.size() + "]";
      requireObject(n, where);
      String uri = text(n, "uri", where);
      List<X509Certificate> chain = new ArrayList<>();
      JsonNode certs = n.path("certChain").path("certificates");
      if (!certs.isArray() || certs.isEmpty()) {
        throw fail(where + ".certChain.certificates is missing or empty");
      }
      for (JsonNode c : certs) {
        String cw = where + ".certChain.certificates[" + chain.size() + "]";
        requireObject(c, cw);
        chain.add(Certificates.decode(bytes(c, "rawBytes", cw), cw + ".rawBytes", Check.TRUST_ROOT));
      }
      JsonNode subject = n.path("subject");
      String subjectText = Subjects.format(text(subject, "organization", where + ".subject"),
          text(subject, "commonName", where + ".subject"));
      out.add(new CertificateAuthority(uri, subjectText, chain,
          window(n.get("validFor"), where + ".validFor")));
    }
    return out;
  }

  /** A missing {@code validFor} or {@code start} means "since the epoch": nothing older can be signed. */
  private static ValidityWindow window(JsonNode n, String where) throws VerificationException {
    if (n == null || n.isNull()) {
      return ValidityWindow.from(Instant.EPOCH);
    }
    requireObject(n, where);
    Instant start = n.hasNonNull("start") ? instant(n.get("start"), where + ".start") : Instant.EPOCH;
    Optional<Instant> end = n.hasNonNull("end") ? Optional.of(instant(n.get("end"), where + ".end")) : Optional.empty();
    if (end.isPresent() && end.get().isBefore(start)) {
      throw fail(where + ": end " + end.get() + " is before start " + start);
    }
    return new ValidityWindow(start, end);
  }

  private static Instant instant(JsonNode n, String where) throws VerificationException {
    if (!n.isTextual()) {
      throw fail(where + " must be an RFC 3339 string, got " + n);
    }
    try {
      return OffsetDateTime.parse(n.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw fail(where + " is not an RFC 3339 timestamp: " + n.asText());
    }
  }

  private static Iterable<JsonNode> array(JsonNode root, String field) throws VerificationException {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw fail(field + " must be an array");
    }
    return n;
  }

  private static String text(JsonNode parent, String field, String where) throws VerificationException {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return "";
    }
    if (!n.isTextual()) {
      throw fail(where + "." + field + " must be a string, got " + n.getNodeType().name().toLowerCase());
    }
    return n.asText();
  }

  private static byte[] bytes(JsonNode parent, String field, String where) throws VerificationException {
    String s = text(parent, field, where);
    try {
      return s.indexOf('-') >= 0 || s.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw fail(where + "." + field + " is not base64: " + e.getMessage());
    }
  }

  private static void requireObject(JsonNode n, String where) throws VerificationException {
    if (n == null || !n.isObject()) {
      throw fail(where + " must be an object");
    }
  }

  private static VerificationException fail(String reason) {
    return new VerificationException(Check.TRUST_ROOT, reason);
  }
}
