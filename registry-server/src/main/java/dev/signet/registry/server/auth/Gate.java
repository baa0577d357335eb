package dev.signet.registry.server.auth;

import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.service.RegistryException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates and authorizes every registry request in auth mode. Answers: 401 UNAUTHORIZED with a
 * {@code WWW-Authenticate: Bearer realm=…,service=…,scope=…} challenge when better credentials could help
 * (none were sent, they were wrong, the token expired, or the token lacks the action:
 * {@code error="insufficient_scope"}); 403 DENIED when an authenticated account lacks the role. Wrong
 * passwords and denials of presented credentials are audited; so are pushes and deletes once they finish.
 */
public final class Gate {
  private final Credentials credentials;
  private final Access access;
  private final AuditLog audit;
  private final ProjectStore projects;
  private final URI publicUrl;
  private final String service;

  /** Who sent the request, and whether they presented any credentials. */
  public record Authenticated(Principal principal, boolean presented) {}

  Gate(Credentials credentials, Access access, AuditLog audit, ProjectStore projects, URI publicUrl, String service) {
    this.credentials = credentials;
    this.access = access;
    this.audit = audit;
    this.projects = projects;
    this.publicUrl = publicUrl;
    this.service = service;
  }

  /** Lets the request through (returning who makes it) or throws the 401/403 to answer. */
  public Principal admit(GateRequest r) throws RegistryException {
    Operation op = Operation.of(r.method(), r.path(), r.repository());
    Authenticated who = authenticate(r);
    Principal p = who.principal();
    if (op.role() == null) {
      if (!who.presented()) {
        throw challenge(r, null, null, "authentication required");
      }
      return p;
    }
    String repo = r.repository();
    String scope = "repository:" + repo + ":" + op.challengeActions();
    if (!access.allows(p, AccountNames.projectOf(repo), op.role())) {
      if (who.presented()) {
        audit.record(p.actor(), op.name(), target(r), AuditLog.DENIED, "needs " + op.role().label());
      }
      if (p.isAnonymous()) {
        throw challenge(r, scope, null, "authentication required");
      }
      throw RegistryException.of(ErrorCode.DENIED, "requested access to the resource is denied",
          op.role().label() + " on " + repo);
    }
    if (p.token() != null && !p.token().allows(repo, op.role())) {
      throw challenge(r, scope, "insufficient_scope", "the token does not grant " + op.role().label() + " on " + repo);
    }
    if (op.name().equals("blob.upload") && r.method().equals("POST") && r.query("mount").isPresent()) {
      Optional<String> from = r.query("from");
      if (from.isEmpty() || !access.allowsRepository(p, from.get(), Role.PULL)) {
        r.ignoreQuery("mount");
        r.ignoreQuery("from");
      }
    }
    if (op.role() == Role.PUSH && p.systemAdmin() && projects.get(AccountNames.projectOf(repo)).isEmpty()) {
      // a system administrator's push creates the (private) project it names
      projects.create(AccountNames.projectOf(repo), false);
    }
    return p;
  }

  /** Records a finished push or delete (failure null when it succeeded). */
  public void completed(GateRequest r, Principal p, RegistryException failure) {
    Operation op = Operation.of(r.method(), r.path(), r.repository());
    if (op.audited()) {
      audit.record(p.actor(), op.name(), target(r), failure == null ? AuditLog.OK : AuditLog.FAILED,
          failure == null ? null : failure.wireCode());
    }
  }

  /**
   * The principal of the request's {@code Authorization} (basic or bearer); anonymous without one. Wrong
   * credentials are audited and answered 401 with a challenge.
   */
  public Authenticated authenticate(GateRequest r) throws RegistryException {
    Optional<String> header = r.header("Authorization").map(String::trim).filter(h -> !h.isEmpty());
    if (header.isEmpty()) {
      return new Authenticated(Principal.ANONYMOUS, false);
    }
    String h = header.get();
    String scheme = h.contains(" ") ? h.substring(0, h.indexOf(' ')).toLowerCase(Locale.ROOT) : h;
    String value = h.contains(" ") ? h.substring(h.indexOf(' ') + 1).trim() : "";
    if (scheme.equals("basic")) {
      String[] pair = decodeBasic(value);
      Optional<Principal> p = pair == null ? Optional.empty() : login(pair[0], pair[1]);
      if (p.isEmpty()) {
        throw challenge(r, null, null, "wrong user name or password");
      }
      return new Authenticated(p.get(), true);
    }
    if (scheme.equals("bearer")) {
      Optional<Principal> p = credentials.bearer(value);
      if (p.isEmpty()) {
        throw challenge(r, null, "invalid_token", "the token is invalid, expired or revoked");
      }
      return new Authenticated(p.get(), true);
    }
    throw challenge(r, null, null, "unsupported authorization scheme");
  }

  /** Checks a user name (or robot login) and password (or robot token); a failure is audited. */
  public Optional<Principal> login(String name, String secret) {
    Optional<Principal> p = credentials.basic(name, secret);
    if (p.isEmpty()) {
      audit.record(name == null || name.isEmpty() ? "anonymous" : name, "login", null, AuditLog.DENIED,
          "wrong password or unknown account");
    }
    return p;
  }

  /** The {@code realm} of the challenge: the public URL's (else the request's) {@code /auth/token}. */
  public String realm(GateRequest r) {
    String base = publicUrl != null ? publicUrl.toString() : r.baseUrl();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/auth/token";
  }

  /** Sets the {@code WWW-Authenticate} header and returns the 401 to throw. */
  public RegistryException challenge(GateRequest r, String scope, String error, String message) {
    StringBuilder h = new StringBuilder("Bearer realm=\"").append(realm(r)).append("\",service=\"").append(service)
        .append('"');
    if (scope != null) {
      h.append(",scope=\"").append(scope).append('"');
    }
    if (error != null) {
      h.append(",error=\"").append(error).append('"');
    }
    r.setResponseHeader("WWW-Authenticate", h.toString());
    return RegistryException.of(ErrorCode.UNAUTHORIZED, message);
  }

  /** {@code [user, password]} of a basic credential, or null when malformed. */
  public static String[] decodeBasic(String value) {
    try {
      String s = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      int colon = s.indexOf(':');
      return colon <= 0 ? null : new String[] {s.substring(0, colon), s.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String target(GateRequest r) {
    String repo = r.repository();
    String path = r.path();
    int slash = path.lastIndexOf('/');
    String last = slash >= 0 ? path.substring(slash + 1) : "";
    if (path.contains("/manifests/") || path.contains("/blobs/") && !path.contains("/blobs/uploads")) {
      return repo + (last.contains(":") ? "@" : ":") + last;
    }
    return repo;
  }
}
