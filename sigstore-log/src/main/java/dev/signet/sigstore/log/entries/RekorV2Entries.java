package dev.signet.sigstore.log.entries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.sigstore.log.tiles.Hashes;
import java.util.Base64;
import java.util.Map;

/**
 * Rekor v2 {@code CreateEntryRequest} bodies: {@code hashedRekordRequestV002} (signature over a digest)
 * and {@code dsseRequestV002} (a DSSE envelope and its verifiers). The signature is verified, then the
 * stored entry {@code {"apiVersion":"0.0.2","kind":…,"spec":{…}}} is built in protojson names and
 * canonicalized (RFC 8785).
 */
public final class RekorV2Entries {
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Map<String, String> HASH_NAMES = Map.of(
      "SHA-256", "SHA2_256", "SHA-384", "SHA2_384", "SHA-512", "SHA2_512");

  private RekorV2Entries() {}

  public static ProposedEntry parse(byte[] request) throws EntryException {
    JsonNode root = Json.parse(request, "the request");
    JsonNode hr = Json.field(root, "hashedRekordRequestV002");
    JsonNode dsse = Json.field(root, "dsseRequestV002");
    if ((hr == null) == (dsse == null)) {
      throw new EntryException("the request must hold exactly one of hashedRekordRequestV002 and dsseRequestV002");
    }
    return hr != null ? hashedRekord(hr) : dsse(dsse);
  }

  private static ProposedEntry hashedRekord(JsonNode req) throws EntryException {
    String where = "hashedRekordRequestV002";
    byte[] digest = Json.base64(req, "digest", where);
    JsonNode sig = Json.object(req, "signature", where);
    byte[] content = Json.base64(sig, "content", where + ".signature");
    JsonNode verifier = Json.object(sig, "verifier", where + ".signature");
    Verified v = verifier(verifier, where + ".signature.verifier");
    if (v.algorithm == SignatureAlgorithm.ED25519) {
      throw new EntryException(where + ": keyDetails PKIX_ED25519 (pure Ed25519) cannot sign a digest; use"
          + " PKIX_ED25519_PH or log the artifact with another key type");
    }
    int expected;
    try {
      expected = java.security.MessageDigest.getInstance(v.algorithm.hashAlgorithm()).getDigestLength();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + v.algorithm.hashAlgorithm(), e);
    }
    if (digest.length != expected) {
      throw new EntryException(where + ".digest has " + digest.length + " bytes; " + v.keyDetails + " needs a "
          + v.algorithm.hashAlgorithm() + " digest of " + expected);
    }
    v.material.verifyDigest(v.algorithm, digest, content, where);
    ObjectNode data = Json.object().put("algorithm", HASH_NAMES.get(v.algorithm.hashAlgorithm()))
        .put("digest", B64.encodeToString(digest));
    ObjectNode signature = Json.object().put("content", B64.encodeToString(content));
    signature.set("verifier", v.json());
    ObjectNode spec = Json.object();
    spec.putObject("hashedRekordV002").setAll(Map.of("data", data, "signature", signature));
    return entry("hashedrekord", spec);
  }

  private static ProposedEntry dsse(JsonNode req) throws EntryException {
    String where = "dsseRequestV002";
    Dsse env = Dsse.parse(Json.object(req, "envelope", where), where + ".envelope");
    JsonNode verifiers = Json.field(req, "verifiers");
    if (verifiers == null || !verifiers.isArray() || verifiers.isEmpty()) {
      throw new EntryException(where + ".verifiers must be a non-empty array");
    }
    byte[] pae = env.pae();
    ArrayNode sigs = Json.MAPPER.createArrayNode();
    for (int i = 0; i < env.signatures().size(); i++) {
      byte[] s = env.signatures().get(i);
      Verified found = null;
      for (int j = 0; j < verifiers.size() && found == null; j++) {
        Verified v = verifier(verifiers.get(j), where + ".verifiers[" + j + "]");
        try {
          v.material.verifyMessage(v.algorithm == SignatureAlgorithm.ED25519PH ? SignatureAlgorithm.ED25519
              : v.algorithm, pae, s, where);
          found = v;
        } catch (EntryException e) {
          // try the next verifier
        }
      }
      if (found == null) {
        throw new EntryException(where + ": envelope signature " + i + " does not verify with any of the "
            + verifiers.size() + " verifiers over the DSSE PAE");
      }
      ObjectNode sig = sigs.addObject().put("content", B64.encodeToString(s));
      sig.set("verifier", found.json());
    }
    ObjectNode hash = Json.object().put("algorithm", "SHA2_256")
        .put("digest", B64.encodeToString(Hashes.sha256().digest(env.payload())));
    ObjectNode spec = Json.object();
    ObjectNode d = spec.putObject("dsseV002");
    d.set("payloadHash", hash);
    d.set("signatures", sigs);
    return entry("dsse", spec);
  }

  private static ProposedEntry entry(String kind, ObjectNode spec) {
    ObjectNode e = Json.object().put("apiVersion", "0.0.2").put("kind", kind);
    e.set("spec", spec);
    return new ProposedEntry(kind, "0.0.2", Jcs.canonicalize(e));
  }

  private record Verified(Material material, SignatureAlgorithm algorithm, String keyDetails) {
    ObjectNode json() {
      ObjectNode v = Json.object().put("keyDetails", keyDetails);
      v.putObject(material.certificate() ? "x509Certificate" : "publicKey")
          .put("rawBytes", B64.encodeToString(material.der()));
      return v;
    }
  }

  private static Verified verifier(JsonNode v, String where) throws EntryException {
    if (v == null || !v.isObject()) {
      throw new EntryException(where + " is not an object");
    }
    JsonNode cert = Json.field(v, "x509Certificate");
    JsonNode key = Json.field(v, "publicKey");
    if ((cert == null) == (key == null)) {
      throw new EntryException(where + " must hold exactly one of x509Certificate and publicKey");
    }
    Material m = cert != null ? Material.certificate(Json.base64(cert, "rawBytes", where + ".x509Certificate"),
        where + ".x509Certificate") : Material.publicKey(Json.base64(key, "rawBytes", where + ".publicKey"),
        where + ".publicKey");
    String details = Json.text(v, "keyDetails", where);
    SignatureAlgorithm alg;
    String normal;
    try {
      alg = SignatureAlgorithm.fromSigstoreName(details);
      normal = alg.sigstoreName(m.key());
    } catch (CryptoException e) {
      throw new EntryException(where + ".keyDetails " + details + ": " + e.getMessage());
    }
    if (!normal.equals(details)) {
      throw new EntryException(where + ".keyDetails " + details + " does not match the key (" + normal + ")");
    }
    return new Verified(m, alg, details);
  }
}
