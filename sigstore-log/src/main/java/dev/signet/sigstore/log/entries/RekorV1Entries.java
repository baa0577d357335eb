package dev.signet.sigstore.log.entries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.sigstore.log.tiles.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Rekor v1 {@code ProposedEntry} bodies: {@code hashedrekord} 0.0.1, {@code dsse} 0.0.1 and {@code intoto}
 * 0.0.2 ({@link IntotoV002}). The signature
 * is verified; the canonical body keeps only the fields Rekor keeps (verifier PEM re-encoded Go-style)
 * and is RFC 8785 canonicalized.
 */
public final class RekorV1Entries {
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Map<String, String> HASHES = Map.of("sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

  private RekorV1Entries() {}

  public static ProposedEntry parse(byte[] request) throws EntryException {
    JsonNode root = Json.parse(request, "the proposed entry");
    String kind = Json.text(root, "kind", "the proposed entry");
    String version = Json.text(root, "apiVersion", "the proposed entry");
    JsonNode spec = Json.object(root, "spec", "the proposed entry");
    return switch (kind + "/" + version) {
      case "hashedrekord/0.0.1" -> hashedRekord(spec);
      case "dsse/0.0.1" -> dsse(spec);
      case "intoto/0.0.2" -> IntotoV002.parse(spec);
      default -> throw new EntryException("entry type " + kind + "/" + version
          + " is not supported (hashedrekord 0.0.1, dsse 0.0.1 and intoto 0.0.2 are)");
    };
  }

  private static ProposedEntry hashedRekord(JsonNode spec) throws EntryException {
    String where = "spec";
    JsonNode hash = Json.object(Json.object(spec, "data", where), "hash", where + ".data");
    String alg = Json.text(hash, "algorithm", where + ".data.hash").toLowerCase(Locale.ROOT);
    String jca = HASHES.get(alg);
    if (jca == null) {
      throw new EntryException("spec.data.hash.algorithm " + alg + " is not sha256, sha384 or sha512");
    }
    String value = Json.text(hash, "value", where + ".data.hash");
    byte[] digest;
    try {
      digest = HexFormat.of().parseHex(value);
    } catch (IllegalArgumentException e) {
      throw new EntryException("spec.data.hash.value is not hex");
    }
    if (digest.length != length(jca)) {
      throw new EntryException("spec.data.hash.value has " + digest.length + " bytes, a " + alg + " digest has "
          + length(jca));
    }
    JsonNode sig = Json.object(spec, "signature", where);
    byte[] content = Json.base64(sig, "content", where + ".signature");
    Material m = Material.pem(Json.base64(Json.object(sig, "publicKey", where + ".signature"), "content",
        where + ".signature.publicKey"), "spec.signature.publicKey.content");
    SignatureAlgorithm a = m.prehashAlgorithm("spec.signature.publicKey");
    if (!a.hashAlgorithm().equals(jca)) {
      throw new EntryException("spec.data.hash.algorithm " + alg + " does not go with the " + a
          + " key (it needs " + a.hashAlgorithm() + ")");
    }
    m.verifyDigest(a, digest, content, "hashedrekord");
    ObjectNode out = Json.object();
    out.putObject("data").putObject("hash").put("algorithm", alg).put("value", HexFormat.of().formatHex(digest));
    ObjectNode s = out.putObject("signature").put("content", B64.encodeToString(content));
    s.putObject("publicKey").put("content", b64(m.canonicalPem()));
    return entry("hashedrekord", out);
  }

  private static ProposedEntry dsse(JsonNode spec) throws EntryException {
    String where = "spec.proposedContent";
    JsonNode proposed = Json.object(spec, "proposedContent", "spec");
    String envelopeText = Json.text(proposed, "envelope", where);
    Dsse env = Dsse.parse(Json.parse(envelopeText.getBytes(StandardCharsets.UTF_8), where + ".envelope"),
        where + ".envelope");
    JsonNode verifiers = Json.field(proposed, "verifiers");
    if (verifiers == null || !verifiers.isArray() || verifiers.isEmpty()) {
      throw new EntryException(where + ".verifiers must be a non-empty array of base64 PEM keys or certificates");
    }
    byte[] pae = env.pae();
    ObjectNode out = Json.object();
    var sigs = out.putArray("signatures");
    for (int i = 0; i < env.signatures().size(); i++) {
      Material found = null;
      for (int j = 0; j < verifiers.size() && found == null; j++) {
        JsonNode v = verifiers.get(j);
        if (!v.isTextual()) {
          throw new EntryException(where + ".verifiers[" + j + "] is not a string");
        }
        byte[] pem;
        try {
          pem = Base64.getDecoder().decode(v.textValue());
        } catch (IllegalArgumentException e) {
          throw new EntryException(where + ".verifiers[" + j + "] is not base64");
        }
        Material m = Material.pem(pem, where + ".verifiers[" + j + "]");
        try {
          m.verifyMessage(m.naturalAlgorithm(where), pae, env.signatures().get(i), "dsse");
          found = m;
        } catch (EntryException e) {
          // next verifier
        }
      }
      if (found == null) {
        throw new EntryException("dsse: envelope signature " + i + " does not verify with any of the "
            + verifiers.size() + " verifiers over the DSSE PAE");
      }
      sigs.addObject().put("signature", env.signatureTexts().get(i)).put("verifier", b64(found.canonicalPem()));
    }
    out.putObject("envelopeHash").put("algorithm", "sha256").put("value", HexFormat.of().formatHex(
        Hashes.sha256().digest(envelopeText.getBytes(StandardCharsets.UTF_8))));
    out.putObject("payloadHash").put("algorithm", "sha256").put("value", HexFormat.of().formatHex(
        Hashes.sha256().digest(env.payload())));
    return entry("dsse", out);
  }

  static ProposedEntry entry(String kind, ObjectNode spec) {
    return entry(kind, "0.0.1", spec);
  }

  static ProposedEntry entry(String kind, String version, ObjectNode spec) {
    ObjectNode e = Json.object().put("apiVersion", version).put("kind", kind);
    e.set("spec", spec);
    return new ProposedEntry(kind, version, Jcs.canonicalize(e));
  }

  private static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static int length(String jca) {
    try {
      return MessageDigest.getInstance(jca).getDigestLength();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
