package dev.signet.tuf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** Parses TUF 1.0 metadata files into {@link SignedMetadata}; every shape error names the file and field. */
public final class MetadataParser {
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private MetadataParser() {}

  public static SignedMetadata<RootMetadata> root(byte[] bytes) throws TufException {
    return parse(Role.ROOT, bytes, RootParser::root);
  }

  public static SignedMetadata<TimestampMetadata> timestamp(byte[] bytes) throws TufException {
    return parse(Role.TIMESTAMP, bytes, (f, s) -> new TimestampMetadata(version(f, s), expires(f, s),
        snapshotEntry(f, s)));
  }

  public static SignedMetadata<SnapshotMetadata> snapshot(byte[] bytes) throws TufException {
    return parse(Role.SNAPSHOT, bytes, (f, s) -> {
      Map<String, MetaFile> meta = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : fields(f, s, "meta")) {
        meta.put(e.getKey(), metaFile(f + " meta " + e.getKey(), e.getValue()));
      }
      if (!meta.containsKey("targets.json")) {
        throw new TufException(f + ": meta has no targets.json entry");
      }
      return new SnapshotMetadata(version(f, s), expires(f, s), meta);
    });
  }

  public static SignedMetadata<TargetsMetadata> targets(byte[] bytes) throws TufException {
    return parse(Role.TARGETS, bytes, (f, s) -> {
      Map<String, TargetFile> targets = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : fields(f, s, "targets")) {
        targets.put(e.getKey(), targetFile(f, e.getKey(), e.getValue()));
      }
      boolean delegated = s.has("delegations") && s.get("delegations").path("roles").size() > 0;
      return new TargetsMetadata(version(f, s), expires(f, s), targets, delegated);
    });
  }

  interface SignedPart<T> {
    T read(String file, JsonNode signed) throws TufException;
  }

  private static <T extends Metadata> SignedMetadata<T> parse(Role role, byte[] bytes, SignedPart<T> part)
      throws TufException {
    String file = role.fileName();
    JsonNode doc;
    try (JsonParser p = JSON.createParser(bytes)) {
      doc = JSON.readTree(p);
      if (p.nextToken() != null) {
        throw new TufException(file + ": trailing data after the JSON document");
      }
    } catch (IOException e) {
      throw new TufException(file + ": not valid JSON: "
          + (e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getOriginalMessage() : e.getMessage()), e);
    }
    if (doc == null || !doc.isObject() || !doc.path("signed").isObject() || !doc.path("signatures").isArray()) {
      throw new TufException(file + ": expected an object with \"signed\" and \"signatures\"");
    }
    JsonNode signed = doc.get("signed");
    String type = signed.path("_type").asText("");
    if (!type.equals(role.type())) {
      throw new TufException(file + ": _type is \"" + type + "\", expected \"" + role.type() + "\"");
    }
    String spec = signed.path("spec_version").asText("");
    if (!spec.matches("1\\.\\d+(\\.\\d+)?")) {
      throw new TufException(file + ": unsupported spec_version \"" + spec + "\" (this client implements 1.x)");
    }
    T typed = part.read(file, signed);
    List<SignedMetadata.KeySignature> sigs = new ArrayList<>();
    for (JsonNode s : doc.get("signatures")) {
      if (!s.path("keyid").isTextual() || !s.path("sig").isTextual()) {
        throw new TufException(file + ": a signature without string keyid and sig");
      }
      byte[] sig;
      try {
        sig = HexFormat.of().parseHex(s.get("sig").textValue());
      } catch (IllegalArgumentException e) {
        sig = new byte[0]; // counted as invalid, like an empty placeholder signature
      }
      sigs.add(new SignedMetadata.KeySignature(s.get("keyid").textValue(), sig));
    }
    return new SignedMetadata<>(role, typed, CanonicalJson.encode(signed), sigs, bytes.clone());
  }

  static int version(String file, JsonNode signed) throws TufException {
    return positiveInt(file, "version", signed.get("version"));
  }

  private static int positiveInt(String file, String field, JsonNode n) throws TufException {
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1) {
      throw new TufException(file + ": " + field + " must be a positive integer, got " + n);
    }
    return n.intValue();
  }

  static Instant expires(String file, JsonNode signed) throws TufException {
    String text = signed.path("expires").asText("");
    try {
      if (!text.endsWith("Z")) {
        throw new DateTimeParseException("no Z", text, 0);
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new TufException(file + ": expires \"" + text + "\" is not an RFC 3339 UTC time (…Z)");
    }
  }

  static Iterable<Map.Entry<String, JsonNode>> fields(String file, JsonNode parent, String field)
      throws TufException {
    JsonNode n = parent.get(field);
    if (n == null || !n.isObject()) {
      throw new TufException(file + ": " + field + " must be an object");
    }
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private static MetaFile snapshotEntry(String file, JsonNode signed) throws TufException {
    Map<String, MetaFile> meta = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(file, signed, "meta")) {
      meta.put(e.getKey(), metaFile(file + " meta " + e.getKey(), e.getValue()));
    }
    if (meta.size() != 1 || !meta.containsKey("snapshot.json")) {
      throw new TufException(file + ": meta must have exactly one entry, snapshot.json; has " + meta.keySet());
    }
    return meta.get("snapshot.json");
  }

  private static MetaFile metaFile(String what, JsonNode n) throws TufException {
    if (!n.isObject()) {
      throw new TufException(what + ": must be an object");
    }
    int version = positiveInt(what, "version", n.get("version"));
    OptionalLong length = OptionalLong.empty();
    if (n.has("length")) {
      length = OptionalLong.of(nonNegativeLong(what, n.get("length")));
    }
    return new MetaFile(version, length, n.has("hashes") ? hashes(what, n.get("hashes")) : Map.of());
  }

  private static TargetFile targetFile(String file, String name, JsonNode n) throws TufException {
    String what = file + " target " + name;
    if (!n.isObject() || !n.has("length") || !n.has("hashes")) {
      throw new TufException(what + ": needs length and hashes");
    }
    return new TargetFile(name, nonNegativeLong(what, n.get("length")), hashes(what, n.get("hashes")),
        n.path("custom"));
  }

  private static long nonNegativeLong(String what, JsonNode n) throws TufException {
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
      throw new TufException(what + ": length must be a non-negative integer, got " + n);
    }
    return n.longValue();
  }

  private static Map<String, String> hashes(String what, JsonNode n) throws TufException {
    if (!n.isObject() || n.isEmpty()) {
      throw new TufException(what + ": hashes must be a non-empty object");
    }
    Map<String, String> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual() || !e.getValue().textValue().matches("[0-9a-fA-F]+")) {
        throw new TufException(what + ": hash " + e.getKey() + " must be hex");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** Root metadata: keys and the four top-level roles. */
  private static final class RootParser {
    static RootMetadata root(String file, JsonNode s) throws TufException {
      Map<String, TufKey> keys = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : fields(file, s, "keys")) {
        keys.put(e.getKey(), KeyDecoder.decode(e.getKey(), e.getValue()));
      }
      Map<Role, RoleKeys> roles = new EnumMap<>(Role.class);
      JsonNode r = s.get("roles");
      if (r == null || !r.isObject()) {
        throw new TufException(file + ": roles must be an object");
      }
      for (Role role : Role.values()) {
        JsonNode entry = r.get(role.type());
        if (entry == null || !entry.path("keyids").isArray()) {
          throw new TufException(file + ": roles." + role.type() + " is missing or has no keyids");
        }
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode id : entry.get("keyids")) {
          if (!id.isTextual() || !seen.add(id.textValue())) {
            throw new TufException(file + ": roles." + role.type() + " keyids has a duplicate or non-string id " + id);
          }
          ids.add(id.textValue());
        }
        roles.put(role, new RoleKeys(ids, positiveInt(file, "roles." + role.type() + ".threshold",
            entry.get("threshold"))));
      }
      JsonNode cs = s.path("consistent_snapshot");
      return new RootMetadata(version(file, s), expires(file, s), cs.isBoolean() && cs.booleanValue(), keys, roles);
    }
  }
}
