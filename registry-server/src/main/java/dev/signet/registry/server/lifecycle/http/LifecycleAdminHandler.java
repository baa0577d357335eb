package dev.signet.registry.server.lifecycle.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Digest;
import dev.signet.registry.server.lifecycle.LifecyclePolicy;
import dev.signet.registry.server.lifecycle.LifecycleService;
import dev.signet.registry.server.lifecycle.RetentionReport;
import dev.signet.registry.server.trust.TrustPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code GET/PUT /api/v1/admin/projects/<project>/lifecycle} (the project's immutable tag patterns and
 * retention rules) and {@code POST /api/v1/admin/projects/<project>/retention/run?dryRun=true|false}.
 * The policy document:
 *
 * <pre>{@code
 * {"immutableTags": ["v*", "release-*"],
 *  "retention": {"keepLastTags": {"pattern": "*", "count": 10}, "keepDays": 30, "runEveryMinutes": 1440}}
 * }</pre>
 *
 * Independent of the HTTP server; authorization (project administrators) is the router's job.
 */
public final class LifecycleAdminHandler {
  /** The policy route; group 1 is the project. */
  public static final String POLICY_REGEX = "/api/v1/admin/projects/([^/]+)/lifecycle";
  /** The retention run route; group 1 is the project. */
  public static final String RUN_REGEX = "/api/v1/admin/projects/([^/]+)/retention/run";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP = Set.of("project", "immutableTags", "retention", "updated");
  private static final Set<String> RETENTION = Set.of("keepLastTags", "keepDays", "runEveryMinutes");

  /** An answer: status, content type and body. */
  public record Reply(int status, String contentType, byte[] body) {}

  private final LifecycleService lifecycle;

  public LifecycleAdminHandler(LifecycleService lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** The policy route: GET/HEAD reads, PUT replaces. */
  public Reply policy(String method, String project, byte[] body) {
    try {
      TrustPolicy.checkProject(project);
    } catch (IllegalArgumentException e) {
      return error(400, "NAME_INVALID", e.getMessage());
    }
    switch (method) {
      case "GET", "HEAD":
        return ok(write(lifecycle.policy(project)));
      case "PUT":
        LifecyclePolicy p;
        try {
          p = parse(project, body == null ? new byte[0] : body);
        } catch (IllegalArgumentException e) {
          return error(400, "LIFECYCLE_INVALID", e.getMessage());
        }
        return ok(write(lifecycle.setPolicy(p)));
      default:
        return error(405, "UNSUPPORTED", method + " is not supported on a project lifecycle policy");
    }
  }

  /** The run route: POST runs retention ({@code dryRun} true only reports). */
  public Reply run(String method, String project, String dryRun) {
    if (!"POST".equals(method)) {
      return error(405, "UNSUPPORTED", method + " is not supported on a retention run; POST it");
    }
    try {
      TrustPolicy.checkProject(project);
    } catch (IllegalArgumentException e) {
      return error(400, "NAME_INVALID", e.getMessage());
    }
    boolean dry;
    if (dryRun == null || dryRun.equals("false")) {
      dry = false;
    } else if (dryRun.isEmpty() || dryRun.equals("true")) {
      dry = true;
    } else {
      return error(400, "UNSUPPORTED", "dryRun must be true or false, not " + dryRun);
    }
    return ok(write(lifecycle.runRetention(project, dry)));
  }

  /** Parses a policy document for {@code project}. */
  public static LifecyclePolicy parse(String project, byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the lifecycle policy is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the lifecycle policy must be a JSON object");
    }
    unknown(root, TOP, "");
    if (root.has("project") && !root.get("project").asText().equals(project)) {
      throw new IllegalArgumentException("the document names project " + root.get("project").asText()
          + ", not " + project);
    }
    List<String> immutable = new ArrayList<>();
    JsonNode tags = root.path("immutableTags");
    if (!tags.isMissingNode() && !tags.isNull()) {
      if (!tags.isArray()) {
        throw new IllegalArgumentException("immutableTags must be an array of tag patterns");
      }
      for (JsonNode t : tags) {
        if (!t.isTextual()) {
          throw new IllegalArgumentException("immutableTags must hold strings");
        }
        immutable.add(t.asText());
      }
    }
    LifecyclePolicy.KeepLast keep = null;
    Integer days = null;
    Integer every = null;
    JsonNode r = root.path("retention");
    if (!r.isMissingNode() && !r.isNull()) {
      if (!r.isObject()) {
        throw new IllegalArgumentException("retention must be an object");
      }
      unknown(r, RETENTION, "retention.");
      JsonNode k = r.path("keepLastTags");
      if (!k.isMissingNode() && !k.isNull()) {
        unknown(k, Set.of("pattern", "count"), "retention.keepLastTags.");
        if (!k.path("count").isIntegralNumber()) {
          throw new IllegalArgumentException("retention.keepLastTags.count must be a whole number");
        }
        keep = new LifecyclePolicy.KeepLast(k.path("pattern").asText("**"), k.path("count").asInt());
      }
      days = integer(r, "keepDays");
      every = integer(r, "runEveryMinutes");
    }
    return new LifecyclePolicy(project, immutable, keep, days, every, null);
  }

  private static Integer integer(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber()) {
      throw new IllegalArgumentException("retention." + field + " must be a whole number");
    }
    return n.asInt();
  }

  private static void unknown(JsonNode node, Set<String> known, String prefix) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(prefix + " must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException("unknown field " + prefix + f);
      }
    }
  }

  /** The policy as JSON. */
  public static ObjectNode write(LifecyclePolicy p) {
    ObjectNode root = JSON.createObjectNode().put("project", p.project());
    ArrayNode tags = root.putArray("immutableTags");
    p.immutableTags().forEach(tags::add);
    if (p.hasRetention() || p.runEveryMinutes() != null) {
      ObjectNode r = root.putObject("retention");
      if (p.keepLastTags() != null) {
        r.putObject("keepLastTags").put("pattern", p.keepLastTags().pattern()).put("count", p.keepLastTags().count());
      }
      if (p.keepDays() != null) {
        r.put("keepDays", p.keepDays());
      }
      if (p.runEveryMinutes() != null) {
        r.put("runEveryMinutes", p.runEveryMinutes());
      }
    } else {
      root.putNull("retention");
    }
    if (p.updated() != null) {
      root.put("updated", p.updated().toString());
    }
    return root;
  }

  /** The report as JSON. */
  public static ObjectNode write(RetentionReport r) {
    ObjectNode root = JSON.createObjectNode().put("project", r.project()).put("dryRun", r.dryRun())
        .put("time", r.time().toString());
    ArrayNode tags = root.putArray("deletedTags");
    r.deletedTags().forEach(t -> tags.addObject().put("repository", t.repository()).put("tag", t.tag())
        .put("digest", t.digest().toString()));
    ArrayNode manifests = root.putArray("deletedManifests");
    for (RetentionReport.ManifestEntry m : r.deletedManifests()) {
      ObjectNode o = manifests.addObject().put("repository", m.repository()).put("digest", m.digest().toString());
      ArrayNode acc = o.putArray("accessories");
      m.accessories().stream().map(Digest::toString).forEach(acc::add);
    }
    ArrayNode kept = root.putArray("keptImmutable");
    r.keptImmutable().forEach(t -> kept.addObject().put("repository", t.repository()).put("tag", t.tag())
        .put("digest", t.digest().toString()));
    return root;
  }

  private static Reply ok(JsonNode json) {
    return new Reply(200, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
  }

  static Reply error(int status, String code, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("errors").addObject().put("code", code).put("message", message);
    return new Reply(status, "application/json", root.toString().getBytes(StandardCharsets.UTF_8));
  }
}
