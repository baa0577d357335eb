package dev.signet.sigstore.log.entries;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A DSSE envelope as submitted (payload, type, signatures) and its PAE. */
record Dsse(byte[] payload, String payloadType, List<byte[]> signatures, List<String> signatureTexts) {

  static Dsse parse(JsonNode env, String where) throws EntryException {
    byte[] payload = Json.base64(env, "payload", where);
    String type = Json.text(env, "payloadType", where);
    JsonNode sigs = Json.field(env, "signatures");
    if (sigs == null || !sigs.isArray() || sigs.isEmpty()) {
      throw new EntryException(where + ".signatures must be a non-empty array");
    }
    List<byte[]> raw = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < sigs.size(); i++) {
      raw.add(Json.base64(sigs.get(i), "sig", where + ".signatures[" + i + "]"));
      texts.add(Json.text(sigs.get(i), "sig", where + ".signatures[" + i + "]"));
    }
    return new Dsse(payload, type, raw, texts);
  }

  /** {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload}. */
  byte[] pae() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] t = payloadType.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(("DSSEv1 " + t.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(t);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
