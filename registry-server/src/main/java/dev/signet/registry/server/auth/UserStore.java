package dev.signet.registry.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code users} table: names, Argon2id password hashes, the system-admin flag. */
public final class UserStore {
  private static final String COLUMNS = "name, password_hash, system_admin, created, password_changed";

  /** A user; {@code passwordHash} is a PHC string, never the password. */
  public record User(String name, String passwordHash, boolean systemAdmin, Instant created,
      Instant passwordChanged) {
    @Override
    public String toString() {
      return "User[" + name + (systemAdmin ? ", system admin" : "") + "]";
    }
  }

  private final AuthDatabase db;
  private final Clock clock;

  UserStore(AuthDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Optional<User> get(String name) {
    return db.read(c -> AuthDatabase.one(c, "SELECT " + COLUMNS + " FROM users WHERE name = ?", UserStore::row, name));
  }

  public List<User> list() {
    return db.read(c -> AuthDatabase.list(c, "SELECT " + COLUMNS + " FROM users ORDER BY name", UserStore::row));
  }

  public boolean any() {
    return db.read(c -> AuthDatabase.exists(c, "SELECT 1 FROM users LIMIT 1"));
  }

  /** Creates a user; false when the name is taken. */
  public boolean create(String name, String passwordHash, boolean systemAdmin) {
    long now = clock.millis();
    return db.write(c -> AuthDatabase.update(c, "INSERT OR IGNORE INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
        name, passwordHash, systemAdmin, now, now) == 1);
  }

  /** Deletes a user and their memberships; false when there is no such user. */
  public boolean delete(String name) {
    return db.write(c -> {
      AuthDatabase.update(c, "DELETE FROM members WHERE user = ?", name);
      return AuthDatabase.update(c, "DELETE FROM users WHERE name = ?", name) == 1;
    });
  }

  /** Replaces the password hash (which invalidates refresh tokens issued before); false when unknown. */
  public boolean setPassword(String name, String passwordHash) {
    long now = clock.millis();
    return db.write(c -> AuthDatabase.update(c, "UPDATE users SET password_hash = ?, password_changed = ? WHERE name = ?",
        passwordHash, now, name) == 1);
  }

  private static User row(ResultSet rs) throws SQLException {
    return new User(rs.getString(1), rs.getString(2), rs.getLong(3) != 0, Instant.ofEpochMilli(rs.getLong(4)),
        Instant.ofEpochMilli(rs.getLong(5)));
  }
}
