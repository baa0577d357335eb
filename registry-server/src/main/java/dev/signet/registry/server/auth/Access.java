package dev.signet.registry.server.auth;

/**
 * Whether a principal holds a role on a project. {@link #allows} looks at the account only (membership,
 * robot role, public projects, system admin); {@link #allowsRepository} also requires the request's bearer
 * token, if it came with one, to cover the action on that repository — use it to decide about a request.
 */
public interface Access {

  /** Everything allowed: the registry without authentication. */
  Access OPEN = new Access() {
    @Override
    public boolean allows(Principal principal, String project, Role role) {
      return true;
    }

    @Override
    public boolean enabled() {
      return false;
    }
  };

  /** True when {@code principal}'s account holds {@code role} (or a role implying it) on {@code project}. */
  boolean allows(Principal principal, String project, Role role);

  /**
   * True when the account holds {@code role} on the repository's project and the request's token (if any)
   * was issued for that action on {@code repository}.
   */
  default boolean allowsRepository(Principal principal, String repository, Role role) {
    return allows(principal, AccountNames.projectOf(repository), role)
        && (principal.token() == null || principal.token().allows(repository, role));
  }

  /** False for {@link #OPEN}: the registry runs without authentication. */
  default boolean enabled() {
    return true;
  }
}
