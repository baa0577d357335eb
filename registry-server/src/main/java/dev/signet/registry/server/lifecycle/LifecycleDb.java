package dev.signet.registry.server.lifecycle;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.StorageFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The lifecycle table (V5) and the read-only queries retention needs over the registry's own tables, on
 * the registry's SQLite metadata database (already migrated by the metadata store). A connection per
 * call: lifecycle work is rare next to pushes and pulls.
 */
final class LifecycleDb {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUSY_TIMEOUT_MS = 30_000;

  /** A tag row. */
  record TagRow(String repo, String name, Digest digest, Instant updated) {}

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final String url;
  private final SQLiteConfig config;

  LifecycleDb(Path file) {
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    this.config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
  }

  private <T> T with(Work<T> work) {
    try (Connection c = config.createConnection(url)) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StorageFailure("lifecycle metadata access failed: " + e.getMessage(), e);
    }
  }

  Optional<LifecyclePolicy> policy(String project) {
    return with(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT immutable_tags, keep_pattern, keep_count, keep_days, "
          + "run_every_minutes, updated FROM lifecycle_policies WHERE project = ?")) {
        ps.setString(1, project);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(row(project, rs)) : Optional.empty();
        }
      }
    });
  }

  /** Every stored policy with its last run (epoch ms, or null). */
  List<Scheduled> scheduled() {
    return with(c -> {
      List<Scheduled> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT project, run_every_minutes, last_run "
          + "FROM lifecycle_policies WHERE run_every_minutes IS NOT NULL");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long last = rs.getLong(3);
          out.add(new Scheduled(rs.getString(1), rs.getInt(2), rs.wasNull() ? null : Instant.ofEpochMilli(last)));
        }
      }
      return out;
    });
  }

  record Scheduled(String project, int everyMinutes, Instant lastRun) {}

  void put(LifecyclePolicy p) {
    with(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO lifecycle_policies (project, immutable_tags, "
          + "keep_pattern, keep_count, keep_days, run_every_minutes, updated) VALUES (?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (project) DO UPDATE SET immutable_tags = excluded.immutable_tags, "
          + "keep_pattern = excluded.keep_pattern, keep_count = excluded.keep_count, keep_days = excluded.keep_days, "
          + "run_every_minutes = excluded.run_every_minutes, updated = excluded.updated")) {
        ps.setString(1, project(p));
        ps.setString(2, json(p.immutableTags()));
        ps.setString(3, p.keepLastTags() == null ? null : p.keepLastTags().pattern());
        setInt(ps, 4, p.keepLastTags() == null ? null : p.keepLastTags().count());
        setInt(ps, 5, p.keepDays());
        setInt(ps, 6, p.runEveryMinutes());
        ps.setLong(7, p.updated().toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  void markRun(String project, Instant when) {
    with(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE lifecycle_policies SET last_run = ? WHERE project = ?")) {
        ps.setLong(1, when.toEpochMilli());
        ps.setString(2, project);
        return ps.executeUpdate();
      }
    });
  }

  /** The tags of every repository of {@code project}. */
  List<TagRow> tags(String project) {
    return with(c -> {
      List<TagRow> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT repo, name, digest, updated FROM tags "
          + "WHERE repo = ? OR substr(repo, 1, ?) = ? ORDER BY repo, name")) {
        ps.setString(1, project);
        ps.setInt(2, project.length() + 1);
        ps.setString(3, project + "/");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new TagRow(rs.getString(1), rs.getString(2), digest(rs.getString(3)),
                Instant.ofEpochMilli(rs.getLong(4))));
          }
        }
      }
      return out;
    });
  }

  /** The tags pointing at {@code digest} in {@code repo}. */
  List<String> tagsOf(String repo, Digest digest) {
    return with(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM tags WHERE repo = ? AND digest = ?")) {
        ps.setString(1, repo);
        ps.setString(2, digest.toString());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
      return out;
    });
  }

  /** Whether {@code digest} is listed by an index or attached to a subject as an accessory in {@code repo}. */
  boolean referencedOrAccessory(String repo, Digest digest) {
    return with(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM manifest_refs WHERE repo = ? AND child = ? "
          + "AND kind = 'M' UNION ALL SELECT 1 FROM links WHERE repo = ? AND accessory = ? LIMIT 1")) {
        ps.setString(1, repo);
        ps.setString(2, digest.toString());
        ps.setString(3, repo);
        ps.setString(4, digest.toString());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
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

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
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
