package dev.signet.registry.server.auth;

import java.util.Objects;

/**
 * Who makes a request: an anonymous caller, a user, or a project's robot account; and, when the request
 * came with a bearer token, what that token was issued for ({@link #token()}, null for basic
 * authentication). Roles are looked up through {@link Access}; a principal only says who is asking.
 *
 * @param name the account name ({@code robot$<project>+<name>} for robots), null when anonymous
 * @param systemAdmin a user with every role on every project and the whole admin API
 * @param robotProject the only project a robot may act on; null for others
 * @param robotRole the robot's role on {@code robotProject}; null for others
 * @param token the access a bearer token carries, or null when no token was used
 */
public record Principal(Kind kind, String name, boolean systemAdmin, String robotProject, Role robotRole,
    TokenGrant token) {

  /** Anonymous, without a token. */
  public static final Principal ANONYMOUS = new Principal(Kind.ANONYMOUS, null, false, null, null, null);

  public enum Kind { ANONYMOUS, USER, ROBOT }

  public Principal {
    Objects.requireNonNull(kind, "kind");
    if (kind != Kind.ANONYMOUS) {
      Objects.requireNonNull(name, "name");
    }
  }

  public static Principal user(String name, boolean systemAdmin) {
    return new Principal(Kind.USER, name, systemAdmin, null, null, null);
  }

  public static Principal robot(String project, String robotName, Role role) {
    return new Principal(Kind.ROBOT, AccountNames.account(project, robotName), false, project, role, null);
  }

  /** The same principal, restricted to what {@code grant} allows. */
  public Principal withToken(TokenGrant grant) {
    return new Principal(kind, name, systemAdmin, robotProject, robotRole, grant);
  }

  public boolean isAnonymous() {
    return kind == Kind.ANONYMOUS;
  }

  /** The name audit records use: the account name, or {@code anonymous}. */
  public String actor() {
    return name == null ? "anonymous" : name;
  }

  @Override
  public String toString() {
    return kind + "(" + actor() + (systemAdmin ? ", system admin" : "") + (token != null ? ", token" : "") + ")";
  }
}
