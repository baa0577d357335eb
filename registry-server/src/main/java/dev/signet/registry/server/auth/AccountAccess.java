package dev.signet.registry.server.auth;

/**
 * {@link Access} from the account tables: system administrators may do anything; everyone may pull from a
 * public project; a robot holds its role on its own project only; a user holds their membership role.
 * Projects that do not exist have no members, so only system administrators can push to them.
 */
public final class AccountAccess implements Access {
  private final ProjectStore projects;

  AccountAccess(ProjectStore projects) {
    this.projects = projects;
  }

  @Override
  public boolean allows(Principal p, String project, Role role) {
    if (p.systemAdmin()) {
      return true;
    }
    if (role == Role.PULL && projects.isPublic(project)) {
      return true;
    }
    return switch (p.kind()) {
      case ROBOT -> project.equals(p.robotProject()) && p.robotRole().implies(role);
      case USER -> projects.role(project, p.name()).map(r -> r.implies(role)).orElse(false);
      case ANONYMOUS -> false;
    };
  }
}
