package dev.signet.registry.server.replication.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.replication.JobState;
import dev.signet.registry.server.replication.ReplicationException;
import dev.signet.registry.server.replication.ReplicationJob;
import dev.signet.registry.server.replication.ReplicationRule;
import dev.signet.registry.server.replication.ReplicationService;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replication admin API, independent of the HTTP server: the registry's router (or
 * {@link ReplicationAdminJettyHandler}) hands it method, path, query and body.
 *
 * <pre>
 * GET    /api/v1/admin/replication/rules              {"rules":[rule…]}            (secrets never shown)
 * POST   /api/v1/admin/replication/rules              rule JSON → 201 rule
 * GET    /api/v1/admin/replication/rules/NAME         rule
 * DELETE /api/v1/admin/replication/rules/NAME         {"deleted":"NAME"}
 * POST   /api/v1/admin/replication/rules/NAME/run     202 {"rule":"NAME","queued":N}
 * GET    /api/v1/admin/replication/status[?rule=&amp;state=&amp;limit=]   {"jobs":[job…]}
 * </pre>
 *
 * Errors use the registry's shape, {@code {"errors":[{"code","message"}]}}: 400 {@code INVALID_RULE},
 * 404 {@code RULE_UNKNOWN} / {@code NOT_FOUND}, 405 {@code UNSUPPORTED}, 409 {@code RULE_EXISTS}.
 */
public final class ReplicationAdminHandler {
  /** Every path of the API starts with this. */
  public static final String PREFIX = "/api/v1/admin/replication";
  /** The route for a router that matches whole paths; group 1 is the rest of the path. */
  public static final String ROUTE = "/api/v1/admin/replication(/.*)?";
  /** The largest request body accepted. */
  public static final int MAX_BODY = 64 * 1024;
  public static final String CONTENT_TYPE = "application/json";

  private static final Logger LOG = LoggerFactory.getLogger(ReplicationAdminHandler.class);
  private static final Pattern RULE = Pattern.compile("/rules/([a-z0-9][a-z0-9._-]*)(/run)?");
  private static final int DEFAULT_LIMIT = 500;
  private static final int MAX_LIMIT = 10_000;

  private final ReplicationService service;

  /** An answer: status and JSON body. */
  public record Response(int status, byte[] body) {}

  public ReplicationAdminHandler(ReplicationService service) {
    this.service = service;
  }

  /**
   * Answers one request.
   *
   * @param path the request path ({@code /api/v1/admin/replication/…})
   * @param query the query parameter of a name, if given
   * @param body the request body (empty for GET and DELETE)
   */
  public Response handle(String method, String path, Function<String, Optional<String>> query, byte[] body) {
    String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
    if (rest.endsWith("/") && rest.length() > 1) {
      rest = rest.substring(0, rest.length() - 1);
    }
    try {
      if (rest.equals("/rules")) {
        return switch (method) {
          case "GET", "HEAD" -> listRules();
          case "POST" -> addRule(body);
          default -> notAllowed(method, "GET, POST");
        };
      }
      if (rest.equals("/status")) {
        return method.equals("GET") || method.equals("HEAD") ? status(query) : notAllowed(method, "GET");
      }
      Matcher m = RULE.matcher(rest);
      if (m.matches() && m.group(2) != null) {
        return method.equals("POST") ? run(m.group(1)) : notAllowed(method, "POST");
      }
      if (m.matches()) {
        return switch (method) {
          case "GET", "HEAD" -> getRule(m.group(1));
          case "DELETE" -> deleteRule(m.group(1));
          default -> notAllowed(method, "GET, DELETE");
        };
      }
      return new Response(404, AdminJson.error("NOT_FOUND", "no replication endpoint at " + path));
    } catch (ReplicationException e) {
      return switch (e.reason()) {
        case INVALID -> new Response(400, AdminJson.error("INVALID_RULE", e.getMessage()));
        case UNKNOWN_RULE -> new Response(404, AdminJson.error("RULE_UNKNOWN", e.getMessage()));
        case RULE_EXISTS -> new Response(409, AdminJson.error("RULE_EXISTS", e.getMessage()));
      };
    } catch (IllegalArgumentException e) {
      return new Response(400, AdminJson.error("INVALID_REQUEST", e.getMessage()));
    }
  }

  private Response listRules() {
    ObjectNode root = AdminJson.MAPPER.createObjectNode();
    ArrayNode rules = root.putArray("rules");
    service.rules().forEach(r -> rules.add(AdminJson.rule(r, service.clock())));
    return ok(200, root);
  }

  private Response addRule(byte[] body) throws ReplicationException {
    ReplicationRule rule = AdminJson.parseRule(body);
    service.addRule(rule);
    LOG.info("replication rule {} added: {} -> {} ({})", rule.name(), rule.source(), rule.destination(),
        rule.trigger().label());
    return ok(201, AdminJson.rule(rule, service.clock()));
  }

  private Response getRule(String name) throws ReplicationException {
    ReplicationRule rule = service.rule(name).orElseThrow(() ->
        new ReplicationException(ReplicationException.Reason.UNKNOWN_RULE, "no replication rule named " + name));
    return ok(200, AdminJson.rule(rule, service.clock()));
  }

  private Response deleteRule(String name) throws ReplicationException {
    service.deleteRule(name);
    LOG.info("replication rule {} deleted", name);
    return ok(200, AdminJson.MAPPER.createObjectNode().put("deleted", name));
  }

  private Response run(String name) throws ReplicationException {
    int queued = service.run(name);
    return ok(202, AdminJson.MAPPER.createObjectNode().put("rule", name).put("queued", queued));
  }

  private Response status(Function<String, Optional<String>> query) {
    Optional<JobState> state = query.apply("state").map(JobState::parse);
    int limit = query.apply("limit").map(ReplicationAdminHandler::number).orElse(DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
    }
    ObjectNode root = AdminJson.MAPPER.createObjectNode();
    ArrayNode jobs = root.putArray("jobs");
    for (ReplicationJob j : service.jobs(query.apply("rule"), state, limit)) {
      jobs.add(AdminJson.job(j, service.backoff().maxAttempts()));
    }
    return ok(200, root);
  }

  private static int number(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Response notAllowed(String method, String allowed) {
    return new Response(405, AdminJson.error("UNSUPPORTED", method + " is not supported here; use " + allowed));
  }

  private static Response ok(int status, ObjectNode body) {
    return new Response(status, AdminJson.write(body));
  }
}
