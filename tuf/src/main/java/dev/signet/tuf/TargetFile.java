package dev.signet.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One entry of the targets role: its path, length, hashes and the {@code custom} object (Sigstore puts
 * {@code {"sigstore":{"usage":"Fulcio","status":"Active"}}} there), or a missing node.
 */
public record TargetFile(String name, long length, Map<String, String> hashes, JsonNode custom) {
  public TargetFile {
    hashes = Map.copyOf(hashes);
  }

  /** Checks downloaded or cached bytes of this target. */
  public void check(byte[] data) throws TufException {
    String what = "target " + name;
    Hashes.checkLength(what, "targets.json", length, data);
    Hashes.check(what, "targets.json", hashes, data);
  }

  /** The path under {@code targets/} with a consistent snapshot: {@code dir/<sha256>.<basename>}. */
  String consistentPath() {
    String hash = hashes.containsKey("sha256") ? hashes.get("sha256") : hashes.values().iterator().next();
    int slash = name.lastIndexOf('/');
    return slash < 0 ? hash + "." + name : name.substring(0, slash + 1) + hash + "." + name.substring(slash + 1);
  }
}
