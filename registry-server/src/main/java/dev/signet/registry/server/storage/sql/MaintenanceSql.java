package dev.signet.registry.server.storage.sql;

import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.ManifestKey;
import dev.signet.registry.server.storage.ManifestRecord;
import dev.signet.registry.server.storage.Maintenance;
import dev.signet.registry.server.storage.Reference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reachability for garbage collection, and full scans for fsck. */
final class MaintenanceSql {
  /**
   * Everything reachable: tagged manifests, children of reachable indexes, and accessories of reachable
   * subjects (transitively, so signatures on SBOMs are kept too).
   */
  private static final String LIVE = "WITH RECURSIVE live(repo, digest) AS ("
      + " SELECT repo, digest FROM tags"
      + " UNION SELECT r.repo, r.child FROM manifest_refs r JOIN live l ON r.repo = l.repo AND r.parent = l.digest"
      + " WHERE r.kind = 'M'"
      + " UNION SELECT k.repo, k.accessory FROM links k JOIN live l ON k.repo = l.repo AND k.subject = l.digest)"
      + " SELECT repo, digest FROM live";

  private MaintenanceSql() {}

  static List<ManifestKey> unreachable(Connection c, Instant cutoff) throws SQLException {
    Set<ManifestKey> live = new HashSet<>(Jdbc.list(c, LIVE, MaintenanceSql::key));
    List<ManifestKey> out = new ArrayList<>();
    for (ManifestKey k : Jdbc.list(c, "SELECT repo, digest FROM manifests WHERE created < ? ORDER BY repo, digest",
        MaintenanceSql::key, cutoff.toEpochMilli())) {
      if (!live.contains(k)) {
        out.add(k);
      }
    }
    return out;
  }

  static List<ManifestKey> deleteUnreachable(Connection c, Instant cutoff) throws SQLException {
    List<ManifestKey> doomed = unreachable(c, cutoff);
    for (ManifestKey k : doomed) {
      ManifestSql.deleteOne(c, k.repository(), k.digest());
    }
    return doomed;
  }

  static Set<Digest> referencedBlobs(Connection c) throws SQLException {
    return new HashSet<>(Jdbc.list(c, "SELECT DISTINCT child FROM manifest_refs WHERE kind = 'B'",
        rs -> Rows.digest(rs.getString(1))));
  }

  static boolean sweepable(Connection c, Digest digest, Instant cutoff) throws SQLException {
    return !Jdbc.exists(c, "SELECT 1 FROM manifest_refs WHERE child = ? AND kind = 'B'", digest)
        && !Jdbc.exists(c, "SELECT 1 FROM blob_links WHERE digest = ? AND created >= ?", digest,
            cutoff.toEpochMilli());
  }

  static void forEachManifest(Connection c, Maintenance.ManifestVisitor visitor) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT repo, " + Rows.MANIFEST_COLUMNS
        + " FROM manifests ORDER BY repo, digest"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String repo = rs.getString(1);
        ManifestRecord m = Rows.manifest(rs, 1);
        visitor.visit(repo, m, references(c, repo, m.digest()));
      }
    }
  }

  static List<Reference> references(Connection c, String repo, Digest parent) throws SQLException {
    return Jdbc.list(c, "SELECT child, kind FROM manifest_refs WHERE repo = ? AND parent = ? ORDER BY child",
        rs -> new Reference("B".equals(rs.getString(2)) ? Reference.Kind.BLOB : Reference.Kind.MANIFEST,
            Rows.digest(rs.getString(1))), repo, parent);
  }

  static List<String> integrityCheck(Connection c) throws SQLException {
    List<String> rows = Jdbc.list(c, "PRAGMA integrity_check", rs -> rs.getString(1));
    return rows.equals(List.of("ok")) ? List.of() : rows;
  }

  private static ManifestKey key(ResultSet rs) throws SQLException {
    return new ManifestKey(rs.getString(1), Rows.digest(rs.getString(2)));
  }
}
