package dev.signet.sigstore.log.entries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.sigstore.log.tiles.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Rekor v1 {@code intoto} 0.0.2 (cosign and sigstore-js attestations). The request's
 * {@code spec.content.envelope} carries the DSSE envelope with its base64 text fields base64-encoded once
 * more ({@code payload}, {@code signatures[].sig}) and each signature's verifier as base64 PEM
 * ({@code publicKey}); {@code spec.content.hash} (the envelope's SHA-256, computed by the client) is
 * required. Every signature must verify over the PAE with one of the given keys. The stored body keeps
 * the envelope without its payload, the client's {@code hash}, and {@code payloadHash} computed here.
 */
final class IntotoV002 {
  private static final String WHERE = "spec.content";

  private IntotoV002() {}

  static ProposedEntry parse(JsonNode spec) throws EntryException {
    JsonNode content = Json.object(spec, "content", "spec");
    JsonNode env = Json.object(content, "envelope", WHERE);
    JsonNode hash = Json.object(content, "hash", WHERE);
    String alg = Json.text(hash, "algorithm", WHERE + ".hash");
    String value = Json.text(hash, "value", WHERE + ".hash");
    if (!alg.equals("sha256") || !value.matches("[0-9a-f]{64}")) {
      throw new EntryException(WHERE + ".hash must be {\"algorithm\":\"sha256\",\"value\":<64 lowercase hex>}");
    }
    String type = Json.text(env, "payloadType", WHERE + ".envelope");
    byte[] payload = twice(env, "payload", WHERE + ".envelope");
    JsonNode sigs = Json.field(env, "signatures");
    if (sigs == null || !sigs.isArray() || sigs.isEmpty()) {
      throw new EntryException(WHERE + ".envelope.signatures must be a non-empty array");
    }
    List<Material> keys = new ArrayList<>();
    List<byte[]> raw = new ArrayList<>();
    for (int i = 0; i < sigs.size(); i++) {
      String w = WHERE + ".envelope.signatures[" + i + "]";
      raw.add(twice(sigs.get(i), "sig", w));
      keys.add(Material.pem(Json.base64(sigs.get(i), "publicKey", w), w + ".publicKey"));
    }
    byte[] pae = new Dsse(payload, type, raw, List.of()).pae();
    for (int i = 0; i < raw.size(); i++) {
      boolean ok = false;
      for (int j = 0; j < keys.size() && !ok; j++) {
        try {
          keys.get(j).verifyMessage(keys.get(j).naturalAlgorithm(WHERE), pae, raw.get(i), "intoto");
          ok = true;
        } catch (EntryException e) {
          // next key
        }
      }
      if (!ok) {
        throw new EntryException("intoto: envelope signature " + i + " does not verify with any of the "
            + keys.size() + " public keys over the DSSE PAE");
      }
    }
    ObjectNode out = Json.object();
    ObjectNode c = out.putObject("content");
    ObjectNode e = c.putObject("envelope").put("payloadType", type);
    ArrayNode list = e.putArray("signatures");
    for (JsonNode s : sigs) {
      ObjectNode o = list.addObject().put("publicKey", s.get("publicKey").textValue()).put("sig", s.get("sig").textValue());
      JsonNode keyid = s.get("keyid");
      if (keyid != null && keyid.isTextual() && !keyid.textValue().isEmpty()) {
        o.put("keyid", keyid.textValue());
      }
    }
    c.putObject("hash").put("algorithm", "sha256").put("value", value);
    c.putObject("payloadHash").put("algorithm", "sha256")
        .put("value", HexFormat.of().formatHex(Hashes.sha256().digest(payload)));
    return RekorV1Entries.entry("intoto", "0.0.2", out);
  }

  /** A field holding base64 of a base64 text: the inner bytes. */
  private static byte[] twice(JsonNode parent, String name, String where) throws EntryException {
    byte[] once = Json.base64(parent, name, where);
    try {
      return Base64.getDecoder().decode(new String(once, StandardCharsets.US_ASCII).trim());
    } catch (IllegalArgumentException e) {
      throw new EntryException(where + "." + name + " must be base64 of the envelope's base64 text");
    }
  }
}
