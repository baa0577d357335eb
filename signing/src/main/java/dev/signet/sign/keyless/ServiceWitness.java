package dev.signet.sign.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.sign.BundleWitness;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Sigstore's acquisition pipeline after signing: an RFC 3161 timestamp over the signature from each
 * TSA, then an entry in each transparency log; both go into the bundle's verification material
 * ({@code timestampVerificationData.rfc3161Timestamps[]}, {@code tlogEntries[]}). Thread-safe if the
 * clients are.
 */
public final class ServiceWitness implements BundleWitness {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LogVerifier verifier;
  private final List<TimestampClient> timestamps;
  private final List<TransparencyLogClient> logs;

  public ServiceWitness(LogVerifier verifier, List<TimestampClient> timestamps, List<TransparencyLogClient> logs) {
    this.verifier = verifier;
    this.timestamps = List.copyOf(timestamps);
    this.logs = List.copyOf(logs);
  }

  public boolean isEmpty() {
    return timestamps.isEmpty() && logs.isEmpty();
  }

  @Override
  public SigstoreBundle witness(SigstoreBundle bundle) throws KeylessException {
    if (isEmpty()) {
      return bundle;
    }
    LogContent content = new LogContent(bundle, verifier);
    byte[] signature = content.signature();
    VerificationMaterial material = bundle.verificationMaterial();
    if (!timestamps.isEmpty()) {
      ObjectNode data = material.timestampVerificationData() instanceof ObjectNode o ? o : JSON.createObjectNode();
      ArrayNode list = data.has("rfc3161Timestamps") && data.get("rfc3161Timestamps").isArray()
          ? (ArrayNode) data.get("rfc3161Timestamps") : data.putArray("rfc3161Timestamps");
      for (TimestampClient tsa : timestamps) {
        list.addObject().put("signedTimestamp", Base64.getEncoder().encodeToString(tsa.timestamp(signature)));
      }
      material = material.withTimestampVerificationData(data);
    }
    if (!logs.isEmpty()) {
      List<JsonNode> entries = new ArrayList<>(material.tlogEntries());
      for (TransparencyLogClient log : logs) {
        entries.add(log.upload(content));
      }
      material = material.withTlogEntries(entries);
    }
    return new SigstoreBundle(bundle.mediaType(), material, bundle.dsseEnvelope(), bundle.messageSignature());
  }
}
