package dev.signet.verify.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Consistency of a log entry's canonicalized body with the bundle (Sigstore client spec §4.4, Rekor v2
 * spec §6.1.4): digest, signature bytes and verification material of {@code hashedrekord} 0.0.1/0.0.2;
 * payload hash, the single signature and its verifier of {@code dsse} 0.0.1/0.0.2 and {@code intoto}
 * 0.0.2. Envelope hashes of dsse/intoto entries depend on the submitter's JSON layout and cannot be
 * rebuilt from the bundle, so (like other Sigstore verifiers) they are not compared.
 */
public final class EntryBodies {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> REKOR_HASHES = Map.of(
      "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");
  private static final Map<String, String> PROTO_HASHES = Map.of(
      "SHA2_256", "SHA-256", "SHA2_384", "SHA-384", "SHA2_512", "SHA-512");

  private EntryBodies() {}

  /**
   * Checks that the entry's body records exactly this signed content.
   *
   * @throws VerificationException (TLOG_ENTRY) naming the field that differs
   */
  public static void check(TlogEntry entry, SignedContent content) throws VerificationException {
    String where = entry.describe();
    JsonNode body = parseBody(entry.body(), where + " body");
    String kind = body.path("kind").asText("");
    String version = body.path("apiVersion").asText("");
    if (!kind.equals(entry.kind()) || !version.equals(entry.version())) {
      throw bad(where + ": the body is " + kind + "/" + version + ", not the entry's kindVersion");
    }
    JsonNode spec = body.path("spec");
    switch (kind + "/" + version) {
      case "hashedrekord/0.0.1" -> hashedRekordV001(where, spec, content);
      case "hashedrekord/0.0.2" -> hashedRekordV002(where, spec.path("hashedRekordV002"), content);
      case "dsse/0.0.1" -> dsseV001(where, spec, content);
      case "dsse/0.0.2" -> dsseV002(where, spec.path("dsseV002"), content);
      case "intoto/0.0.2" -> intotoV002(where, spec.path("content"), content);
      default -> throw bad(where + ": entry type " + kind + "/" + version + " is not supported"
          + " (hashedrekord 0.0.1/0.0.2, dsse 0.0.1/0.0.2, intoto 0.0.2 are)");
    }
  }

  static JsonNode parseBody(byte[] body, String what) throws VerificationException {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw bad(what + " is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw bad(what + " is not a JSON object");
    }
    return node;
  }

  private static void hashedRekordV001(String where, JsonNode spec, SignedContent content)
      throws VerificationException {
    JsonNode hash = spec.path("data").path("hash");
    compareDigest(where, "data.hash", content.signedDigest(rekorHash(where, hash)), hex(where, hash, "data.hash"));
    compareSignature(where, "signature.content", b64(where, spec.path("signature").path("content"),
        "signature.content"), content);
    compareVerifier(where, "signature.publicKey.content",
        b64(where, spec.path("signature").path("publicKey").path("content"), "signature.publicKey.content"), content);
  }

  private static void hashedRekordV002(String where, JsonNode spec, SignedContent content)
      throws VerificationException {
    JsonNode data = spec.path("data");
    String alg = PROTO_HASHES.get(data.path("algorithm").asText(""));
    if (alg == null) {
      throw bad(where + ": unsupported data.algorithm \"" + data.path("algorithm").asText("") + "\"");
    }
    compareDigest(where, "data.digest", content.signedDigest(alg), b64(where, data.path("digest"), "data.digest"));
    JsonNode sig = spec.path("signature");
    compareSignature(where, "signature.content", b64(where, sig.path("content"), "signature.content"), content);
    compareV2Verifier(where, "signature.verifier", sig.path("verifier"), content);
  }

  private static void dsseV001(String where, JsonNode spec, SignedContent content) throws VerificationException {
    requireDsse(where, content);
    if (spec.has("proposedContent") && !spec.has("payloadHash")) {
      throw bad(where + ": the body is an uncanonicalized proposed entry (proposedContent), not a canonical"
          + " dsse entry with payloadHash and signatures");
    }
    JsonNode hash = spec.path("payloadHash");
    compareDigest(where, "payloadHash", content.payloadDigest(rekorHash(where, hash)), hex(where, hash, "payloadHash"));
    JsonNode sigs = singleSignature(where, spec.path("signatures"), content);
    compareSignature(where, "signatures[0].signature", b64(where, sigs.path("signature"), "signatures[0].signature"),
        content);
    compareVerifier(where, "signatures[0].verifier", b64(where, sigs.path("verifier"), "signatures[0].verifier"),
        content);
  }

  private static void dsseV002(String where, JsonNode spec, SignedContent content) throws VerificationException {
    requireDsse(where, content);
    JsonNode hash = spec.path("payloadHash");
    String alg = PROTO_HASHES.get(hash.path("algorithm").asText(""));
    if (alg == null) {
      throw bad(where + ": unsupported payloadHash.algorithm \"" + hash.path("algorithm").asText("") + "\"");
    }
    compareDigest(where, "payloadHash", content.payloadDigest(alg), b64(where, hash.path("digest"), "payloadHash.digest"));
    JsonNode sig = singleSignature(where, spec.path("signatures"), content);
    compareSignature(where, "signatures[0].content", b64(where, sig.path("content"), "signatures[0].content"), content);
    compareV2Verifier(where, "signatures[0].verifier", sig.path("verifier"), content);
  }

  private static void intotoV002(String where, JsonNode spec, SignedContent content) throws VerificationException {
    requireDsse(where, content);
    JsonNode envelope = spec.path("envelope");
    String type = envelope.path("payloadType").asText(null);
    if (type != null && !type.equals(content.envelope().payloadType())) {
      throw bad(where + ": the logged payloadType \"" + type + "\" differs from the envelope's \""
          + content.envelope().payloadType() + "\"");
    }
    JsonNode hash = spec.path("payloadHash");
    compareDigest(where, "payloadHash", content.payloadDigest(rekorHash(where, hash)), hex(where, hash, "payloadHash"));
    JsonNode sig = singleSignature(where, envelope.path("signatures"), content);
    byte[] once = b64(where, sig.path("sig"), "envelope.signatures[0].sig");
    byte[] twice;
    try { // intoto 0.0.2 stores the signature base64-encoded twice
      twice = Base64.getDecoder().decode(new String(once, StandardCharsets.US_ASCII).trim());
    } catch (IllegalArgumentException e) {
      throw bad(where + ": envelope.signatures[0].sig is not double-base64 encoded");
    }
    compareSignature(where, "envelope.signatures[0].sig", twice, content);
    compareVerifier(where, "envelope.signatures[0].publicKey",
        b64(where, sig.path("publicKey"), "envelope.signatures[0].publicKey"), content);
  }

  private static void requireDsse(String where, SignedContent content) throws VerificationException {
    if (!content.isDsse()) {
      throw bad(where + ": a DSSE/in-toto entry cannot record a message signature");
    }
  }

  private static JsonNode singleSignature(String where, JsonNode sigs, SignedContent content)
      throws VerificationException {
    int n = sigs.isArray() ? sigs.size() : 0;
    int expected = content.envelope().signatures().size();
    if (n != 1 || expected != 1) {
      throw bad(where + ": signature count mismatch: the entry records " + n + ", the envelope has " + expected
          + " (exactly one is required)");
    }
    return sigs.get(0);
  }

  private static String rekorHash(String where, JsonNode hash) throws VerificationException {
    String alg = REKOR_HASHES.get(hash.path("algorithm").asText("").toLowerCase(Locale.ROOT));
    if (alg == null) {
      throw bad(where + ": unsupported hash algorithm \"" + hash.path("algorithm").asText("") + "\"");
    }
    return alg;
  }

  private static byte[] hex(String where, JsonNode hash, String field) throws VerificationException {
    try {
      return HexFormat.of().parseHex(hash.path("value").asText(""));
    } catch (IllegalArgumentException e) {
      throw bad(where + ": " + field + ".value is not hex");
    }
  }

  private static byte[] b64(String where, JsonNode v, String field) throws VerificationException {
    if (!v.isTextual()) {
      throw bad(where + ": " + field + " is missing");
    }
    try {
      return Base64.getDecoder().decode(v.textValue());
    } catch (IllegalArgumentException e) {
      throw bad(where + ": " + field + " is not valid base64");
    }
  }

  private static void compareDigest(String where, String field, Optional<byte[]> expected, byte[] logged)
      throws VerificationException {
    if (expected.isEmpty()) {
      throw bad(where + ": the entry's " + field + " uses a hash the artifact digest was not given in");
    }
    if (!MessageDigest.isEqual(expected.get(), logged)) {
      throw bad(where + ": " + field + " " + HexFormat.of().formatHex(logged) + " differs from the signed content's "
          + HexFormat.of().formatHex(expected.get()));
    }
  }

  private static void compareSignature(String where, String field, byte[] logged, SignedContent content)
      throws VerificationException {
    if (!MessageDigest.isEqual(logged, content.signature())) {
      throw bad(where + ": " + field + " differs from the bundle's signature");
    }
  }

  private static void compareV2Verifier(String where, String field, JsonNode verifier, SignedContent content)
      throws VerificationException {
    JsonNode cert = verifier.path("x509Certificate").path("rawBytes");
    JsonNode key = verifier.path("publicKey").path("rawBytes");
    if (cert.isTextual()) {
      compareCertificate(where, field, b64(where, cert, field + ".x509Certificate.rawBytes"), content);
    } else if (key.isTextual()) {
      compareKey(where, field, b64(where, key, field + ".publicKey.rawBytes"), content);
    } else {
      throw bad(where + ": " + field + " has neither x509Certificate nor publicKey");
    }
  }

  /** A PEM (or DER) certificate or public key, as hashedrekord 0.0.1, dsse 0.0.1 and intoto record them. */
  private static void compareVerifier(String where, String field, byte[] pemOrDer, SignedContent content)
      throws VerificationException {
    String text = new String(pemOrDer, StandardCharsets.US_ASCII);
    if (text.contains("-----BEGIN CERTIFICATE-----")) {
      compareCertificate(where, field, pemBody(where, field, text, "CERTIFICATE"), content);
    } else if (text.contains("-----BEGIN PUBLIC KEY-----")) {
      compareKey(where, field, pemBody(where, field, text, "PUBLIC KEY"), content);
    } else {
      throw bad(where + ": " + field + " is neither a PEM certificate nor a PEM public key");
    }
  }

  private static void compareCertificate(String where, String field, byte[] der, SignedContent content)
      throws VerificationException {
    byte[] expected = content.certificateDer();
    if (expected != null) {
      if (!MessageDigest.isEqual(der, expected)) {
        throw bad(where + ": " + field + " records another certificate than the bundle's");
      }
      return;
    }
    byte[] spki; // key mode: the logged certificate must be for the given key
    try {
      X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      spki = c.getPublicKey().getEncoded();
    } catch (CertificateException | RuntimeException e) {
      throw bad(where + ": " + field + " is not a valid certificate");
    }
    compareKey(where, field, spki, content);
  }

  private static void compareKey(String where, String field, byte[] spki, SignedContent content)
      throws VerificationException {
    if (content.certificateDer() != null) {
      throw bad(where + ": " + field + " records a public key, but the signature comes with a certificate");
    }
    if (!MessageDigest.isEqual(spki, content.publicKeySpki())) {
      throw bad(where + ": " + field + " records another public key than the verification key");
    }
  }

  private static byte[] pemBody(String where, String field, String text, String label) throws VerificationException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end, b);
    if (b < 0 || e < 0) {
      throw bad(where + ": " + field + " is a truncated PEM " + label);
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    } catch (IllegalArgumentException ex) {
      throw bad(where + ": " + field + " PEM body is not valid base64");
    }
  }

  private static VerificationException bad(String message) {
    return new VerificationException(Check.TLOG_ENTRY, message);
  }
}
