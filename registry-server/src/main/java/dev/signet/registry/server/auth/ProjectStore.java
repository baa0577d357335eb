package dev.signet.registry.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code projects} and {@code members} tables. */
public final class ProjectStore {

  public record Project(String name, boolean isPublic, Instant created) {}

  public record Member(String project, String user, Role role) {}

  private final AuthDatabase db;
  private final Clock clock;

  ProjectStore(AuthDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Optional<Project> get(String name) {
    return db.read(c -> AuthDatabase.one(c, "SELECT name, public, created FROM projects WHERE name = ?",
        ProjectStore::project, name));
  }

  public List<Project> list() {
    return db.read(c -> AuthDatabase.list(c, "SELECT name, public, created FROM projects ORDER BY name",
        ProjectStore::project));
  }

  public boolean isPublic(String name) {
    return db.read(c -> AuthDatabase.exists(c, "SELECT 1 FROM projects WHERE name = ? AND public = 1", name));
  }

  /** Creates a project; false when it exists. */
  public boolean create(String name, boolean isPublic) {
    long now = clock.millis();
    return db.write(c -> AuthDatabase.update(c, "INSERT OR IGNORE INTO projects (name, public, created) VALUES (?, ?, ?)",
        name, isPublic, now) == 1);
  }

  /** Deletes a project with its members and robots; false when there is no such project. */
  public boolean delete(String name) {
    return db.write(c -> {
      AuthDatabase.update(c, "DELETE FROM members WHERE project = ?", name);
      AuthDatabase.update(c, "DELETE FROM robots WHERE project = ?", name);
      return AuthDatabase.update(c, "DELETE FROM projects WHERE name = ?", name) == 1;
    });
  }

  /** True when a repository of the project (the name itself or below {@code name/}) still holds manifests. */
  public boolean hasManifests(String name) {
    return db.read(c -> AuthDatabase.exists(c,
        "SELECT 1 FROM manifests WHERE repo = ? OR (repo > ? AND repo < ?) LIMIT 1", name, name + "/", name + "0"));
  }

  public Optional<Role> role(String project, String user) {
    return db.read(c -> AuthDatabase.one(c, "SELECT role FROM members WHERE project = ? AND user = ?",
        rs -> Role.valueOf(rs.getString(1)), project, user));
  }

  public List<Member> members(String project) {
    return db.read(c -> AuthDatabase.list(c, "SELECT project, user, role FROM members WHERE project = ? ORDER BY user",
        ProjectStore::member, project));
  }

  /** The memberships of {@code user}. */
  public List<Member> memberships(String user) {
    return db.read(c -> AuthDatabase.list(c, "SELECT project, user, role FROM members WHERE user = ? ORDER BY project",
        ProjectStore::member, user));
  }

  /** Adds a member or changes their role; false when the project or the user does not exist. */
  public boolean setMember(String project, String user, Role role) {
    return db.write(c -> {
      if (!AuthDatabase.exists(c, "SELECT 1 FROM projects WHERE name = ?", project)
          || !AuthDatabase.exists(c, "SELECT 1 FROM users WHERE name = ?", user)) {
        return false;
      }
      AuthDatabase.update(c, "INSERT INTO members (project, user, role) VALUES (?, ?, ?) "
          + "ON CONFLICT (project, user) DO UPDATE SET role = excluded.role", project, user, role.name());
      return true;
    });
  }

  public boolean removeMember(String project, String user) {
    return db.write(c -> AuthDatabase.update(c, "DELETE FROM members WHERE project = ? AND user = ?", project, user) == 1);
  }

  private static Project project(ResultSet rs) throws SQLException {
    return new Project(rs.getString(1), rs.getLong(2) != 0, Instant.ofEpochMilli(rs.getLong(3)));
  }

  private static Member member(ResultSet rs) throws SQLException {
    return new Member(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)));
  }
}
