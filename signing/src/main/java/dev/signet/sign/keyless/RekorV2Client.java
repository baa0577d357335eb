package dev.signet.sign.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Rekor v2 {@code POST /api/v2/log/entries}: the answer already is the bundle's
 * {@code TransparencyLogEntry} (inclusion proof and checkpoint, no SET, integrated time 0). The log
 * answers only once the entry is in a published checkpoint, so the caller's timeout must allow for that.
 */
public final class RekorV2Client implements TransparencyLogClient {
  static final String PATH = "/api/v2/log/entries";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final ServiceHttp http;

  public RekorV2Client(URI base, ServiceHttp http) {
    this.base = base;
    this.http = http;
  }

  @Override
  public String describe() {
    return "the transparency log (Rekor v2) at " + base;
  }

  @Override
  public JsonNode upload(LogContent content) throws KeylessException {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(RekorEntries.v2(content));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ServiceHttp.Response r = http.post(Urls.append(base, PATH), "application/json", body,
        Map.of("Accept", "application/json"));
    if (!r.ok()) {
      throw new KeylessException(describe() + " refused the entry (HTTP " + r.status() + "): " + Urls.reason(r));
    }
    JsonNode t;
    try {
      t = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new KeylessException(describe() + " answered with something that is not JSON: " + r.text(), e);
    }
    if (t == null || !t.isObject() || !t.path("inclusionProof").path("checkpoint").path("envelope").isTextual()
        || !t.path("logId").path("keyId").isTextual() || !t.path("canonicalizedBody").isTextual()) {
      throw new KeylessException(describe() + " answered without a log ID, inclusion proof, checkpoint or body;"
          + " a bundle needs them");
    }
    return t;
  }
}
