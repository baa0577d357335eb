package dev.signet.registry.server.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * A role on a project. Each role implies the ones before it: {@link #PULL} reads (manifests, blobs, tags,
 * referrers, accessories); {@link #PUSH} also uploads blobs and puts manifests; {@link #DELETE} also deletes
 * manifests, tags and blobs; {@link #ADMIN} also manages the project's members and robot accounts. Public
 * projects give everyone, anonymous callers included, {@link #PULL}; system administrators hold every role
 * on every project.
 */
public enum Role {
  PULL("pull"),
  PUSH("push"),
  DELETE("delete"),
  ADMIN("*");

  private final String action;

  Role(String action) {
    this.action = action;
  }

  /** True when holding this role grants {@code other}. */
  public boolean implies(Role other) {
    return ordinal() >= other.ordinal();
  }

  /** The docker token-auth action this role stands for: pull, push, delete, or {@code *} for admin. */
  public String action() {
    return action;
  }

  /** The role a token-auth action needs ({@code pull}, {@code push}, {@code delete}, {@code *}). */
  public static Optional<Role> forAction(String action) {
    for (Role r : values()) {
      if (r.action.equals(action)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Parses {@code pull|push|delete|admin} (any case). */
  public static Role parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown role " + name + " (expected pull, push, delete or admin)");
    }
  }

  /** The lower-case name used in the API and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
