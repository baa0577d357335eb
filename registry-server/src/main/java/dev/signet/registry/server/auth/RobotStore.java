package dev.signet.registry.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code robots} table: a project's robot accounts, their roles and token hashes. */
public final class RobotStore {
  private static final String COLUMNS = "project, name, role, token_hash, created, revoked";

  /** A robot account; {@code tokenHash} is the token's SHA-256, never the token. */
  public record Robot(String project, String name, Role role, String tokenHash, Instant created, Instant revoked) {
    public String account() {
      return AccountNames.account(project, name);
    }

    public boolean active() {
      return revoked == null;
    }

    @Override
    public String toString() {
      return "Robot[" + account() + ", " + role + (revoked != null ? ", revoked" : "") + "]";
    }
  }

  private final AuthDatabase db;
  private final Clock clock;

  RobotStore(AuthDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Optional<Robot> get(String project, String name) {
    return db.read(c -> AuthDatabase.one(c, "SELECT " + COLUMNS + " FROM robots WHERE project = ? AND name = ?",
        RobotStore::row, project, name));
  }

  public List<Robot> list(String project) {
    return db.read(c -> AuthDatabase.list(c, "SELECT " + COLUMNS + " FROM robots WHERE project = ? ORDER BY name",
        RobotStore::row, project));
  }

  /**
   * Creates a robot (replacing a revoked one of the same name); false when an active robot has the name or
   * the project does not exist.
   */
  public boolean create(String project, String name, Role role, String tokenHash) {
    long now = clock.millis();
    return db.write(c -> {
      if (!AuthDatabase.exists(c, "SELECT 1 FROM projects WHERE name = ?", project)
          || AuthDatabase.exists(c, "SELECT 1 FROM robots WHERE project = ? AND name = ? AND revoked IS NULL", project,
              name)) {
        return false;
      }
      AuthDatabase.update(c, "DELETE FROM robots WHERE project = ? AND name = ?", project, name);
      AuthDatabase.update(c, "INSERT INTO robots (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL)", project, name,
          role.name(), tokenHash, now);
      return true;
    });
  }

  /** Revokes a robot's token for good; false when there is no active robot of that name. */
  public boolean revoke(String project, String name) {
    long now = clock.millis();
    return db.write(c -> AuthDatabase.update(c,
        "UPDATE robots SET revoked = ? WHERE project = ? AND name = ? AND revoked IS NULL", now, project, name) == 1);
  }

  private static Robot row(ResultSet rs) throws SQLException {
    long revoked = rs.getLong(6);
    Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
    return new Robot(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)), revokedAt);
  }
}
