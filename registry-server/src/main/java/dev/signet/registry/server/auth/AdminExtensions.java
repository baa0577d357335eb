package dev.signet.registry.server.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * More endpoints under {@code /api/v1/admin} (project policies, replication, …), served by the admin API's
 * router: it authenticates the caller (basic auth; robots refused), checks the declared authorization,
 * audits refusals and, when an audit action is given, every change (non-GET) with its outcome. Without
 * authentication (no accounts) the registry is open, and extensions are served to anyone.
 *
 * <pre>{@code
 * server.auth().adminExtensions().add(PolicyAdminHandler.PATH_REGEX, Authorization.PROJECT_ADMIN, "policy.set",
 *     r -> { var a = policies.handle(r.method(), r.group(1), r.body());
 *            return new Reply(a.status(), a.contentType(), a.body()); });
 * }</pre>
 */
public final class AdminExtensions {

  /** Who may call an endpoint. */
  public enum Authorization {
    /** System administrators only. */
    SYSTEM_ADMIN,
    /** Admins of the project named by the path pattern's group 1 (and system administrators). */
    PROJECT_ADMIN,
    /** Any authenticated user (the endpoint checks more itself through {@link Request#caller()}). */
    AUTHENTICATED
  }

  /** One admin request; the path is the full raw path ({@code /api/v1/admin/…}). */
  public record Request(String method, String path, Matcher match, Function<String, Optional<String>> queries,
      byte[] body, Principal caller) {
    public String group(int i) {
      return match.group(i);
    }

    public Optional<String> query(String name) {
      return queries.apply(name);
    }
  }

  /** The answer: status, content type (null for none) and body (may be empty). */
  public record Reply(int status, String contentType, byte[] body) {}

  /** An extension endpoint. */
  public interface Endpoint {
    Reply handle(Request request);
  }

  /** A registered endpoint. */
  public record Registration(Pattern path, Authorization authorization, String auditAction, Endpoint endpoint) {}

  private final List<Registration> registrations = new CopyOnWriteArrayList<>();

  /**
   * Serves paths matching {@code pathRegex} (the whole raw path, e.g. {@code /api/v1/admin/replication(/.*)?}).
   *
   * @param auditAction recorded for every non-GET request (e.g. {@code policy.set}), or null to audit nothing
   */
  public AdminExtensions add(String pathRegex, Authorization authorization, String auditAction, Endpoint endpoint) {
    registrations.add(new Registration(Pattern.compile(pathRegex), authorization, auditAction, endpoint));
    return this;
  }

  /** The first registration whose pattern matches {@code path}, with its matcher. */
  public Optional<Matched> find(String path) {
    for (Registration r : registrations) {
      Matcher m = r.path().matcher(path);
      if (m.matches()) {
        return Optional.of(new Matched(r, m));
      }
    }
    return Optional.empty();
  }

  /** A registration and the matcher of the path. */
  public record Matched(Registration registration, Matcher match) {}
}
