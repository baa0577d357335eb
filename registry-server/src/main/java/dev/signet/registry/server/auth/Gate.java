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
 * {@code error="insufficient_scope"}); 403 DENIED when an authenticated account lacks the role; 429
 * TOOMANYREQUESTS while password guessing is throttled ({@link LoginThrottle}). Every refusal is audited
 * under the action that was attempted (wrong passwords as {@code login}; invalid, forged and out-of-scope
 * tokens, anonymous requests answered 401 and missing roles as the registry operation); so are pushes and
 * deletes once they finish. Only the credential-less {@code GET /v2/} probe every client starts with is not.
 */
public final class Gate {
  private final Credentials credentials;
  private final Access access;
  private final AuditLog audit;
  private final ProjectStore projects;
  private final URI publicUrl;
  private final String service;
  private final LoginThrottle throttle;

  /** Who sent the request, and whether they presented any credentials. */
  public record Authenticated(Principal principal, boolean presented) {}

  Gate(Credentials credentials, Access access, AuditLog audit, ProjectStore projects, URI publicUrl, String service,
      LoginThrottle throttle) {
    this.throttle = throttle;
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
      audit.record(p.actor(), op.name(), target(r), AuditLog.DENIED, p.isAnonymous() && !who.presented()
          ? "authentication required (" + op.role().label() + ")" : "needs " + op.role().label());
      if (p.isAnonymous()) {
        throw challenge(r, scope, null, "authentication required");
      }
      throw RegistryException.of(ErrorCode.DENIED, "requested access to the resource is denied",
          op.role().label() + " on " + repo);
    }
    if (p.token() != null && !p.token().allows(repo, op.role())) {
      audit.record(p.actor(), op.name(), target(r), AuditLog.DENIED, "the token does not grant " + op.role().label());
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
      Optional<Principal> p = pair == null ? Optional.empty() : login(r, pair[0], pair[1]);
      if (p.isEmpty()) {
        if (pair == null) {
          audit.record("anonymous", attempted(r), target(r), AuditLog.DENIED, "malformed basic credentials");
        }
        throw challenge(r, null, null, "wrong user name or password");
      }
      return new Authenticated(p.get(), true);
    }
    if (scheme.equals("bearer")) {
      Optional<Principal> p = credentials.bearer(value);
      if (p.isEmpty()) {
        audit.record("anonymous", attempted(r), target(r), AuditLog.DENIED, "invalid, forged, expired or revoked token");
        throw challenge(r, null, "invalid_token", "the token is invalid, expired or revoked");
      }
      return new Authenticated(p.get(), true);
    }
    audit.record("anonymous", attempted(r), target(r), AuditLog.DENIED, "unsupported authorization scheme");
    throw challenge(r, null, null, "unsupported authorization scheme");
  }

  /**
   * Checks a user name (or robot login) and password (or robot token) sent with {@code r}; a failure is
   * audited. While guessing from that account or address is throttled the password is not checked at all:
   * 429 with {@code Retry-After}.
   */
  public Optional<Principal> login(GateRequest r, String name, String secret) throws RegistryException {
    String actor = name == null || name.isEmpty() ? "anonymous" : name;
    String address = r.remoteAddress();
    Optional<LoginThrottle.Refusal> refusal = throttle.check(name, address.isEmpty() ? null : address);
    if (refusal.isPresent()) {
      long seconds = Math.max(1, (refusal.get().retryAfter().toMillis() + 999) / 1000);
      if (refusal.get().first()) {
        audit.record(actor, "login", null, AuditLog.DENIED, "throttled: " + refusal.get().reason()
            + " (retry in " + seconds + " s)");
      }
      r.setResponseHeader("Retry-After", String.valueOf(seconds));
      throw RegistryException.withStatus(ErrorCode.TOOMANYREQUESTS, 429,
          refusal.get().reason() + "; retry in " + seconds + " s");
    }
    Optional<Principal> p = credentials.basic(name, secret);
    if (p.isEmpty()) {
      throttle.failed(name, address.isEmpty() ? null : address);
      audit.record(actor, "login", null, AuditLog.DENIED, "wrong password or unknown account");
    } else {
      throttle.succeeded(name);
    }
    return p;
  }

  private static String attempted(GateRequest r) {
    return r.path().equals("/auth/token") ? "token.request" : Operation.of(r.method(), r.path(), r.repository()).name();
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
