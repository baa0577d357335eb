package dev.signet.registry.server.trust.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.trust.TrustPolicy;
import dev.signet.registry.server.trust.TrustService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET/PUT /api/v1/admin/projects/<project>/policy}: reads or replaces a project's verified-pull
 * policy ({@link PolicyJson}). Independent of the HTTP server: the router passes the method, the path
 * and the body and sends the {@link Reply}. Authorization (system or project administrator) is the
 * router's job.
 */
public final class PolicyAdminHandler {
  /** The route; group 1 is the project. */
  public static final String PATH_REGEX = "/api/v1/admin/projects/([^/]+)/policy";
  /** The largest policy document accepted. */
  public static final int MAX_BODY_BYTES = 1 << 20;
  private static final Pattern PATH = Pattern.compile(PATH_REGEX);

  /** An answer: status, content type and body. */
  public record Reply(int status, String contentType, byte[] body) {}

  private final TrustService trust;

  public PolicyAdminHandler(TrustService trust) {
    this.trust = trust;
  }

  /** The project named by {@code path}, or null when the path is not this route. */
  public static String project(String path) {
    Matcher m = PATH.matcher(path);
    return m.matches() ? m.group(1) : null;
  }

  /** {@code GET}: the policy (mode off with no trust material when none was set). */
  public Reply get(String project) {
    try {
      TrustPolicy.checkProject(project);
    } catch (IllegalArgumentException e) {
      return error(400, "NAME_INVALID", e.getMessage());
    }
    return new Reply(200, "application/json", PolicyJson.write(trust.policy(project)));
  }

  /** {@code PUT}: validates and stores the policy, answering it as stored. */
  public Reply put(String project, byte[] body) {
    try {
      TrustPolicy.checkProject(project);
    } catch (IllegalArgumentException e) {
      return error(400, "NAME_INVALID", e.getMessage());
    }
    TrustPolicy policy;
    try {
      policy = PolicyJson.parse(project, body);
    } catch (IllegalArgumentException e) {
      return error(400, "POLICY_INVALID", e.getMessage());
    }
    return new Reply(200, "application/json", PolicyJson.write(trust.setPolicy(policy)));
  }

  /** Dispatches on the method; 405 for anything but GET, HEAD and PUT. */
  public Reply handle(String method, String project, byte[] body) {
    return switch (method) {
      case "GET", "HEAD" -> get(project);
      case "PUT" -> put(project, body == null ? new byte[0] : body);
      default -> error(405, "UNSUPPORTED", method + " is not supported on a project policy");
    };
  }

  /** The distribution spec's error document. */
  static Reply error(int status, String code, String message) {
    ObjectNode root = PolicyJson.MAPPER.createObjectNode();
    root.putArray("errors").addObject().put("code", code).put("message", message);
    return new Reply(status, "application/json", root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
