package dev.signet.registry.server.lifecycle;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.StorageFailure;
import java.io.IOException;
import java.nio.file.Path;
import dev.signet.registry.server.storage.sql.Jdbc;
import dev.signet.registry.server.storage.sql.SqliteConnections;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle table (V5) and the read-only queries retention needs over the registry's own tables, on
 * the registry's SQLite metadata database (already migrated by the metadata store). A connection per
 * call: lifecycle work is rare next to pushes and pulls.
 */
final class LifecycleDb {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tag row. */
  record TagRow(String repo, String name, Digest digest, Instant updated) {}

  private final SqliteConnections db;

  LifecycleDb(Path file) {
    this.db = SqliteConnections.perCall(file, (op, e) ->
        new StorageFailure("lifecycle metadata access failed: " + e.getMessage(), e));
  }

  Optional<LifecyclePolicy> policy(String project) {
    return db.read(c -> Jdbc.one(c, "SELECT immutable_tags, keep_pattern, keep_count, keep_days, "
        + "run_every_minutes, updated FROM lifecycle_policies WHERE project = ?", rs -> row(project, rs), project));
  }

  /** Every stored policy with its last run (epoch ms, or null). */
  List<Scheduled> scheduled() {
    return db.read(c -> Jdbc.list(c, "SELECT project, run_every_minutes, last_run "
        + "FROM lifecycle_policies WHERE run_every_minutes IS NOT NULL", rs -> {
          long last = rs.getLong(3);
          return new Scheduled(rs.getString(1), rs.getInt(2), rs.wasNull() ? null : Instant.ofEpochMilli(last));
        }));
  }

  record Scheduled(String project, int everyMinutes, Instant lastRun) {}

  void put(LifecyclePolicy p) {
    db.read(c -> Jdbc.update(c, "INSERT INTO lifecycle_policies (project, immutable_tags, "
        + "keep_pattern, keep_count, keep_days, run_every_minutes, updated) VALUES (?, ?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT (project) DO UPDATE SET immutable_tags = excluded.immutable_tags, "
        + "keep_pattern = excluded.keep_pattern, keep_count = excluded.keep_count, keep_days = excluded.keep_days, "
        + "run_every_minutes = excluded.run_every_minutes, updated = excluded.updated",
        project(p), json(p.immutableTags()), p.keepLastTags() == null ? null : p.keepLastTags().pattern(),
        p.keepLastTags() == null ? null : p.keepLastTags().count(), p.keepDays(), p.runEveryMinutes(),
        p.updated().toEpochMilli()));
  }

  void markRun(String project, Instant when) {
    db.read(c -> Jdbc.update(c, "UPDATE lifecycle_policies SET last_run = ? WHERE project = ?",
        when.toEpochMilli(), project));
  }

  /** The tags of every repository of {@code project}. */
  List<TagRow> tags(String project) {
    return db.read(c -> Jdbc.list(c, "SELECT repo, name, digest, updated FROM tags "
        + "WHERE repo = ? OR substr(repo, 1, ?) = ? ORDER BY repo, name", rs -> new TagRow(rs.getString(1),
            rs.getString(2), digest(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4))),
        project, project.length() + 1, project + "/"));
  }

  /** The tags pointing at {@code digest} in {@code repo}. */
  List<String> tagsOf(String repo, Digest digest) {
    return db.read(c -> Jdbc.list(c, "SELECT name FROM tags WHERE repo = ? AND digest = ?", rs -> rs.getString(1),
        repo, digest.toString()));
  }

  /** Whether {@code digest} is listed by an index or attached to a subject as an accessory in {@code repo}. */
  boolean referencedOrAccessory(String repo, Digest digest) {
    return db.read(c -> Jdbc.exists(c, "SELECT 1 FROM manifest_refs WHERE repo = ? AND child = ? "
        + "AND kind = 'M' UNION ALL SELECT 1 FROM links WHERE repo = ? AND accessory = ? LIMIT 1",
        repo, digest.toString(), repo, digest.toString()));
  }

  private static LifecyclePolicy row(String project, ResultSet rs) throws SQLException {
    List<String> immutable;
    try {
      immutable = JSON.readValue(rs.getString(1), new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new SQLException("bad immutable_tags of " + project, e);
    }
    String pattern = rs.getString(2);
    int count = rs.getInt(3);
    LifecyclePolicy.KeepLast keep = pattern == null ? null : new LifecyclePolicy.KeepLast(pattern, count);
    Integer days = integer(rs, 4);
    Integer every = integer(rs, 5);
    return new LifecyclePolicy(project, immutable, keep, days, every, Instant.ofEpochMilli(rs.getLong(6)));
  }

  private static Digest digest(String s) throws SQLException {
    try {
      return Digest.parse(s);
    } catch (Exception e) {
      throw new SQLException("bad digest in tags: " + s, e);
    }
  }

  private static Integer integer(ResultSet rs, int col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  private static String project(LifecyclePolicy p) {
    return p.project();
  }

  private static String json(List<String> l) {
    try {
      return JSON.writeValueAsString(l);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
