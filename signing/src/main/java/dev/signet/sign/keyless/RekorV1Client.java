package dev.signet.sign.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Rekor v1 {@code POST /api/v1/log/entries}. The answer ({@code LogEntry}, keyed by entry UUID, hex log ID
 * and hashes, SET) is mapped to the bundle's {@code TransparencyLogEntry}: hex → bytes, {@code body} →
 * {@code canonicalizedBody}, SET → {@code inclusionPromise}, kind and version read from the body, both
 * indexes kept (the top-level one global, the proof's shard-local).
 */
public final class RekorV1Client implements TransparencyLogClient {
  static final String PATH = "/api/v1/log/entries";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final ServiceHttp http;
  private final RekorEntries.DsseEntryType dsseType;

  public RekorV1Client(URI base, ServiceHttp http, RekorEntries.DsseEntryType dsseType) {
    this.base = base;
    this.http = http;
    this.dsseType = dsseType;
  }

  @Override
  public String describe() {
    return "the transparency log at " + base;
  }

  @Override
  public JsonNode upload(LogContent content) throws KeylessException {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(RekorEntries.v1(content, dsseType));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ServiceHttp.Response r = http.post(Urls.append(base, PATH), "application/json", body,
        Map.of("Accept", "application/json"));
    if (!r.ok()) {
      throw new KeylessException(describe() + " refused the entry (HTTP " + r.status() + "): " + Urls.reason(r));
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new KeylessException(describe() + " answered with something that is not JSON: " + r.text(), e);
    }
    return toBundleEntry(answer, describe());
  }

  /** The {@code TransparencyLogEntry} of a v1 {@code LogEntry} answer. */
  static JsonNode toBundleEntry(JsonNode answer, String who) throws KeylessException {
    if (answer == null || !answer.isObject() || answer.size() != 1) {
      throw new KeylessException(who + " answered with something that is not one log entry");
    }
    JsonNode e = answer.elements().next();
    JsonNode verification = e.path("verification");
    JsonNode proof = verification.path("inclusionProof");
    String set = verification.path("signedEntryTimestamp").asText("");
    if (set.isEmpty() || !proof.isObject() || !proof.path("checkpoint").isTextual()) {
      throw new KeylessException(who + " answered without a signed entry timestamp and inclusion proof with"
          + " checkpoint; a bundle needs both");
    }
    String bodyB64 = e.path("body").asText("");
    JsonNode logged;
    try {
      logged = JSON.readTree(Base64.getDecoder().decode(bodyB64));
    } catch (IllegalArgumentException | IOException ex) {
      throw new KeylessException(who + " answered with an entry body that is not base64 JSON", ex);
    }
    HexFormat hex = HexFormat.of();
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode t = JSON.createObjectNode();
    try {
      t.put("logIndex", Long.toString(e.path("logIndex").asLong()));
      t.putObject("logId").put("keyId", b64.encodeToString(hex.parseHex(e.path("logID").asText(""))));
      t.putObject("kindVersion").put("kind", logged.path("kind").asText()).put("version",
          logged.path("apiVersion").asText());
      t.put("integratedTime", Long.toString(e.path("integratedTime").asLong()));
      t.putObject("inclusionPromise").put("signedEntryTimestamp", set);
      ObjectNode p = t.putObject("inclusionProof");
      p.put("logIndex", Long.toString(proof.path("logIndex").asLong()));
      p.put("rootHash", b64.encodeToString(hex.parseHex(proof.path("rootHash").asText(""))));
      p.put("treeSize", Long.toString(proof.path("treeSize").asLong()));
      var hashes = p.putArray("hashes");
      for (JsonNode h : proof.path("hashes")) {
        hashes.add(b64.encodeToString(hex.parseHex(h.asText())));
      }
      p.putObject("checkpoint").put("envelope", proof.path("checkpoint").asText());
    } catch (IllegalArgumentException ex) {
      throw new KeylessException(who + " answered with a log ID or hash that is not hex", ex);
    }
    t.put("canonicalizedBody", bodyB64);
    return t;
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
