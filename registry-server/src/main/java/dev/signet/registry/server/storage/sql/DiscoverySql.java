package dev.signet.registry.server.storage.sql;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.AccessoryRecord;
import dev.signet.registry.server.storage.LinkKind;
import dev.signet.registry.server.storage.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Listings: repositories, tags, referrers and accessories, all answered from indexes. */
final class DiscoverySql {
  private DiscoverySql() {}

  static Page<String> repositories(Connection c, String last, int limit) throws SQLException {
    List<String> rows = Jdbc.list(c, "SELECT name FROM repositories WHERE name > ? ORDER BY name LIMIT ?",
        rs -> rs.getString(1), last == null ? "" : last, limit + 1);
    return page(rows, limit);
  }

  static Page<String> tags(Connection c, String repo, String last, int limit) throws SQLException {
    List<String> rows = Jdbc.list(c, "SELECT name FROM tags WHERE repo = ? AND name > ? ORDER BY name LIMIT ?",
        rs -> rs.getString(1), repo, last == null ? "" : last, limit + 1);
    return page(rows, limit);
  }

  private static Page<String> page(List<String> rows, int limit) {
    boolean more = rows.size() > limit;
    return new Page<>(more ? rows.subList(0, limit) : rows, more);
  }

  /** The referrers query; with {@code filtered}, one more parameter for the artifact type. */
  static String referrersSql(boolean filtered) {
    // CROSS JOIN fixes the join order: walk the subject's links (primary key prefix), then look up each
    // manifest, so the cost depends on the number of referrers, never on the size of the repository.
    return "SELECT m.media_type, m.size, m.digest, m.annotations, m.artifact_type FROM links l "
        + "CROSS JOIN manifests m ON m.repo = l.repo AND m.digest = l.accessory "
        + "WHERE l.repo = ? AND l.subject = ? AND l.kind = 'SUBJECT'"
        + (filtered ? " AND m.artifact_type = ?" : "") + " ORDER BY l.accessory";
  }

  static List<Descriptor> referrers(Connection c, String repo, Digest subject, String artifactType)
      throws SQLException {
    Object[] args = artifactType == null
        ? new Object[] {repo, subject}
        : new Object[] {repo, subject, artifactType};
    return Jdbc.list(c, referrersSql(artifactType != null), rs -> new Descriptor(rs.getString(1), rs.getLong(2),
        rs.getString(3), Rows.annotations(rs.getString(4)), null, rs.getString(5)), args);
  }

  private record Row(Digest digest, String type, String mediaType, String artifactType, long size, long created,
      LinkKind kind) {}

  static final String ACCESSORIES_SQL = "SELECT m.digest, m.accessory_type, m.media_type, m.artifact_type, m.size, "
      + "m.created, l.kind FROM links l CROSS JOIN manifests m ON m.repo = l.repo AND m.digest = l.accessory "
      + "WHERE l.repo = ? AND l.subject = ? ORDER BY m.created, m.digest";

  static List<AccessoryRecord> accessories(Connection c, String repo, Digest subject) throws SQLException {
    List<Row> rows = Jdbc.list(c, ACCESSORIES_SQL,
        rs -> new Row(Rows.digest(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getLong(5), rs.getLong(6), LinkKind.valueOf(rs.getString(7))), repo, subject);
    Map<Digest, List<Row>> byDigest = new LinkedHashMap<>();
    for (Row r : rows) {
      byDigest.computeIfAbsent(r.digest(), k -> new ArrayList<>()).add(r);
    }
    List<AccessoryRecord> out = new ArrayList<>();
    for (List<Row> group : byDigest.values()) {
      Row r = group.get(0);
      Set<LinkKind> via = EnumSet.noneOf(LinkKind.class);
      group.forEach(g -> via.add(g.kind()));
      out.add(new AccessoryRecord(r.digest(), r.type(), r.mediaType(), r.artifactType(), r.size(),
          Instant.ofEpochMilli(r.created()), via));
    }
    return out;
  }
}
