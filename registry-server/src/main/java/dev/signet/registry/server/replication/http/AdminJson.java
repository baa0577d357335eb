package dev.signet.registry.server.replication.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.replication.CronSchedule;
import dev.signet.registry.server.replication.DestinationCredential;
import dev.signet.registry.server.replication.Glob;
import dev.signet.registry.server.replication.ReplicationException;
import dev.signet.registry.server.replication.ReplicationJob;
import dev.signet.registry.server.replication.ReplicationRule;
import dev.signet.registry.server.replication.Trigger;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The admin API's JSON. A rule is written without its secret:
 *
 * <pre>{@code
 * {"name":"prod-mirror","source":"prod/**","tags":"v*","destination":"https://mirror.example.com",
 *  "destinationPrefix":"mirror","stripPrefix":"prod/","trigger":"cron","cron":"0 3 * * *",
 *  "enabled":true,"credential":{"type":"basic","username":"robot"},"nextRun":"2025-01-02T03:00:00Z"}
 * }</pre>
 *
 * and read with {@code "credential":{"username":"…","password":"…"}} or {@code {"token":"…"}}.
 */
final class AdminJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private AdminJson() {}

  static ObjectNode rule(ReplicationRule r, Clock clock) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("name", r.name());
    o.put("source", r.source().toString());
    o.put("tags", r.tags().toString());
    o.put("destination", r.destination().toString());
    o.put("destinationPrefix", r.destinationPrefix());
    o.put("stripPrefix", r.stripPrefix());
    o.put("trigger", r.trigger().label());
    r.cron().ifPresent(c -> o.put("cron", c.expression()));
    o.put("enabled", r.enabled());
    if (r.credential().isPresent()) {
      DestinationCredential c = r.credential().get();
      ObjectNode cred = o.putObject("credential");
      cred.put("type", c.kind() == DestinationCredential.Kind.BASIC ? "basic" : "token");
      c.username().ifPresent(u -> cred.put("username", u));
    }
    if (r.enabled()) {
      r.cron().flatMap(c -> c.next(clock.instant().atZone(java.time.ZoneOffset.UTC)))
          .ifPresent(t -> o.put("nextRun", t.toInstant().toString()));
    }
    return o;
  }

  static ObjectNode job(ReplicationJob j, int maxAttempts) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", j.id());
    o.put("rule", j.rule());
    o.put("repository", j.repository());
    o.put("subject", j.subject().toString());
    j.tags().forEach(o.withArray("tags")::add);
    o.put("state", j.state().label());
    o.put("attempts", j.attempts());
    o.put("maxAttempts", maxAttempts);
    j.lastError().ifPresent(e -> o.put("lastError", e));
    j.result().ifPresent(r -> o.put("result", r));
    o.put("created", j.created().toString());
    o.put("updated", j.updated().toString());
    j.nextAttempt().filter(t -> j.state().name().equals("QUEUED")).ifPresent(t -> o.put("nextAttempt", t.toString()));
    j.finished().map(Instant::toString).ifPresent(t -> o.put("finished", t));
    return o;
  }

  /** Reads a rule to create; fields other than name, source, destination have defaults. */
  static ReplicationRule parseRule(byte[] body) throws ReplicationException {
    JsonNode in;
    try {
      in = MAPPER.readTree(body);
    } catch (IOException e) {
      throw invalid("the body is not JSON", e);
    }
    if (in == null || !in.isObject()) {
      throw invalid("the body must be a JSON object", null);
    }
    try {
      Trigger trigger = Trigger.parse(text(in, "trigger").orElse("manual"));
      return new ReplicationRule(text(in, "name").orElse(null), Glob.of(required(in, "source")),
          Glob.of(text(in, "tags").orElse("*")), destination(required(in, "destination")),
          text(in, "destinationPrefix").orElse(""), text(in, "stripPrefix").orElse(""), trigger,
          text(in, "cron").map(CronSchedule::parse), !in.has("enabled") || in.get("enabled").asBoolean(true),
          credential(in.get("credential")));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage(), e);
    }
  }

  private static Optional<DestinationCredential> credential(JsonNode c) {
    if (c == null || c.isNull()) {
      return Optional.empty();
    }
    if (!c.isObject()) {
      throw new IllegalArgumentException("credential must be an object with username and password, or token");
    }
    Optional<String> token = text(c, "token");
    if (token.isPresent()) {
      return Optional.of(DestinationCredential.token(token.get()));
    }
    return Optional.of(DestinationCredential.basic(text(c, "username").orElse(null),
        text(c, "password").orElse("")));
  }

  private static URI destination(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid destination URL: " + e.getMessage(), e);
    }
  }

  private static String required(JsonNode in, String field) {
    return text(in, field).orElseThrow(() -> new IllegalArgumentException(field + " is required"));
  }

  private static Optional<String> text(JsonNode in, String field) {
    JsonNode v = in.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return Optional.of(v.asText());
  }

  private static ReplicationException invalid(String message, Throwable cause) {
    return new ReplicationException(ReplicationException.Reason.INVALID, message, cause);
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The registry's error shape: {@code {"errors":[{"code","message"}]}}. */
  static byte[] error(String code, String message) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode e = root.putArray("errors").addObject();
    e.put("code", code);
    e.put("message", message);
    return write(root);
  }
}
