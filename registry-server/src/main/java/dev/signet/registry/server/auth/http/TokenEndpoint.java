package dev.signet.registry.server.auth.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.auth.Access;
import dev.signet.registry.server.auth.AccountNames;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.Gate;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.auth.Role;
import dev.signet.registry.server.auth.Scope;
import dev.signet.registry.server.auth.TokenGrant;
import dev.signet.registry.server.auth.TokenIssuer;
import dev.signet.registry.server.service.RegistryException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /auth/token}, docker's token server. {@code GET ?service=&scope=…[&offline_token=true]} with basic
 * authentication, or none for anonymous (public) pulls; {@code POST} with an OAuth2 form,
 * {@code grant_type=password} ({@code username}, {@code password}) or {@code grant_type=refresh_token}
 * ({@code refresh_token}). The token grants, per requested scope, the requested actions the account holds —
 * nothing more; a scope the caller may not use is simply left out, and the registry then refuses the
 * request itself.
 */
final class TokenEndpoint {
  private final AuthServices auth;
  private final Gate gate;
  private final Access access;
  private final TokenIssuer tokens;

  TokenEndpoint(AuthServices auth) {
    this.auth = auth;
    this.gate = auth.gate();
    this.access = auth.access();
    this.tokens = auth.tokens();
  }

  void handle(AuthExchange ex) throws ApiException, RegistryException {
    switch (ex.method()) {
      case "GET" -> get(ex);
      case "POST" -> post(ex);
      default -> throw new ApiException(405, "UNSUPPORTED", ex.method() + " is not supported on /auth/token");
    }
  }

  private void get(AuthExchange ex) throws ApiException, RegistryException {
    checkService(ex.query("service"));
    if (ex.header("Authorization").map(h -> !h.regionMatches(true, 0, "Basic ", 0, 6)).orElse(false)) {
      throw gate.challenge(ex, null, null, "the token endpoint takes basic authentication");
    }
    Principal p = gate.authenticate(ex).principal();
    boolean offline = ex.query("offline_token").map("true"::equalsIgnoreCase).orElse(false);
    answer(ex, p, Scope.parseAll(ex.queryAll("scope")), offline && !p.isAnonymous() ? tokens.refresh(p.name()).token()
        : null);
  }

  private void post(AuthExchange ex) throws ApiException, RegistryException {
    Fields form = ex.form();
    checkService(Optional.ofNullable(form.getValue("service")).filter(s -> !s.isEmpty()));
    String grantType = Optional.ofNullable(form.getValue("grant_type")).orElse("");
    Principal p;
    String refresh;
    if (grantType.equals("password")) {
      p = gate.login(ex, form.getValue("username"), form.getValue("password"))
          .orElseThrow(() -> new ApiException(401, "UNAUTHORIZED", "wrong user name or password"));
      refresh = "offline".equals(form.getValue("access_type")) ? tokens.refresh(p.name()).token() : null;
    } else if (grantType.equals("refresh_token")) {
      String presented = Optional.ofNullable(form.getValue("refresh_token")).orElse("");
      p = tokens.verifyRefresh(presented).flatMap(v -> auth.credentials().account(v.subject(), v.issuedAt()))
          .orElseThrow(() -> new ApiException(401, "UNAUTHORIZED", "the refresh token is invalid, expired or revoked"));
      refresh = presented;
    } else {
      throw ApiException.invalid("grant_type must be password or refresh_token");
    }
    List<String> scopes = form.getValuesOrEmpty("scope");
    answer(ex, p, Scope.parseAll(scopes), refresh);
  }

  private void answer(AuthExchange ex, Principal p, List<Scope> requested, String refresh) {
    List<Scope> granted = grant(p, requested);
    TokenIssuer.Issued issued = tokens.access(p.isAnonymous() ? null : p.name(), TokenGrant.of(granted));
    ObjectNode body = AuthExchange.JSON.createObjectNode();
    body.put("token", issued.token());
    body.put("access_token", issued.token());
    body.put("expires_in", issued.expiresIn().toSeconds());
    body.put("issued_at", issued.issuedAt().toString());
    body.put("scope", String.join(" ", granted.stream().map(Scope::format).toList()));
    if (refresh != null) {
      body.put("refresh_token", refresh);
    }
    ex.sendJson(200, body);
  }

  /** The requested repository actions the principal holds (unknown actions and resource types dropped). */
  List<Scope> grant(Principal p, List<Scope> requested) {
    List<Scope> out = new ArrayList<>();
    for (Scope s : requested) {
      if (!s.isRepository()) {
        continue;
      }
      String project = AccountNames.projectOf(s.name());
      Set<String> allowed = new LinkedHashSet<>();
      for (String action : s.actions()) {
        Optional<Role> role = Role.forAction(action);
        if (role.isPresent() && access.allows(p, project, role.get())) {
          allowed.add(action);
        }
      }
      if (!allowed.isEmpty()) {
        out.add(new Scope(s.type(), s.name(), allowed));
      }
    }
    return out;
  }

  private void checkService(Optional<String> service) throws ApiException {
    if (service.isPresent() && !service.get().equals(tokens.service())) {
      throw ApiException.invalid("unknown service " + service.get() + " (this registry is " + tokens.service() + ")");
    }
  }
}
