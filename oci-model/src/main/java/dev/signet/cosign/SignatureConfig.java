package dev.signet.cosign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.signet.oci.Digest;
import dev.signet.oci.internal.GoJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The config blob of a cosign signature image: go-containerregistry's {@code v1.ConfigFile} as
 * {@code mutate.Append} on {@code empty.Image} leaves it (empty architecture/os, zero {@code created}
 * unless recorded, one zero-time history entry and one diff ID per layer, {@code "config":{}}).
 */
final class SignatureConfig {

  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private SignatureConfig() {}

  /** The exact bytes ggcr writes (233 bytes for one layer, +109 per further layer). */
  static byte[] bytes(List<Digest> diffIds, Instant created) {
    List<History> history = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Digest d : diffIds) {
      history.add(new History(ZERO_TIME));
      ids.add(d.toString());
    }
    return GoJson.write(new Config(
        "", created == null ? ZERO_TIME : goTime(created), history.isEmpty() ? null : history, "",
        new RootFs("layers", ids.isEmpty() ? null : ids), Map.of()));
  }

  /** Go's {@code time.Time} JSON form: RFC 3339 with trailing-zero-trimmed fractional seconds, UTC {@code Z}. */
  static String goTime(Instant t) {
    String base = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
    int nanos = t.getNano();
    if (nanos == 0) {
      return base + "Z";
    }
    String frac = String.format("%09d", nanos).replaceAll("0+$", "");
    return base + "." + frac + "Z";
  }

  @JsonPropertyOrder({"architecture", "created", "history", "os", "rootfs", "config"})
  private record Config(
      String architecture,
      String created,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<History> history,
      String os,
      RootFs rootfs,
      Map<String, Object> config) {}

  private record History(String created) {}

  @JsonPropertyOrder({"type", "diff_ids"})
  private record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {}
}
