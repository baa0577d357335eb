package dev.signet.registry.server.storage.sql;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.ManifestRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch look-ups: one {@code IN (…)} query per {@link #CHUNK} keys instead of one query per key, each
 * walking the same primary-key indexes as the single look-ups.
 */
final class BatchSql {
  /** Keys per statement (far below SQLite's bound-parameter limit). */
  static final int CHUNK = 500;

  private BatchSql() {}

  static Map<Digest, ManifestRecord> manifests(Connection c, String repo, Collection<Digest> digests)
      throws SQLException {
    Map<Digest, ManifestRecord> out = new LinkedHashMap<>();
    for (List<String> keys : chunks(digests)) {
      for (ManifestRecord m : Jdbc.list(c, manifestsSql(keys.size()), Rows::manifest, args(repo, keys))) {
        out.put(m.digest(), m);
      }
    }
    return out;
  }

  private record Tagged(String tag, ManifestRecord manifest) {}

  static Map<String, ManifestRecord> manifestsByTag(Connection c, String repo, Collection<String> tags)
      throws SQLException {
    Map<String, ManifestRecord> out = new LinkedHashMap<>();
    for (List<String> keys : chunks(tags)) {
      for (Tagged t : Jdbc.list(c, byTagSql(keys.size()),
          rs -> new Tagged(rs.getString(1), Rows.manifest(rs, 1)), args(repo, keys))) {
        out.put(t.tag(), t.manifest());
      }
    }
    return out;
  }

  private record Referrer(Digest subject, Descriptor descriptor) {}

  static Map<Digest, List<Descriptor>> referrers(Connection c, String repo, Collection<Digest> subjects)
      throws SQLException {
    Map<Digest, List<Descriptor>> out = new LinkedHashMap<>();
    for (List<String> keys : chunks(subjects)) {
      List<Referrer> rows = Jdbc.list(c, referrersSql(keys.size()),
          rs -> new Referrer(Rows.digest(rs.getString(1)), new Descriptor(rs.getString(2), rs.getLong(3),
              rs.getString(4), Rows.annotations(rs.getString(5)), null, rs.getString(6))), args(repo, keys));
      for (Referrer r : rows) {
        out.computeIfAbsent(r.subject(), k -> new ArrayList<>()).add(r.descriptor());
      }
    }
    out.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return out;
  }

  static Set<Digest> linkedBlobs(Connection c, String repo, Collection<Digest> digests) throws SQLException {
    Set<Digest> out = new LinkedHashSet<>();
    for (List<String> keys : chunks(digests)) {
      out.addAll(Jdbc.list(c, linkedBlobsSql(keys.size()), rs -> Rows.digest(rs.getString(1)), args(repo, keys)));
    }
    return out;
  }

  static String manifestsSql(int n) {
    return "SELECT " + Rows.MANIFEST_COLUMNS + " FROM manifests WHERE repo = ? AND digest IN (" + marks(n) + ")";
  }

  static String byTagSql(int n) {
    return "SELECT t.name, " + Rows.MANIFEST_COLUMNS.replaceAll("(\\w+)", "m.$1") + " FROM tags t CROSS JOIN "
        + "manifests m ON m.repo = t.repo AND m.digest = t.digest WHERE t.repo = ? AND t.name IN (" + marks(n) + ")";
  }

  /** As {@link DiscoverySql#referrersSql}: the subjects' links first (primary key prefix), then each manifest. */
  static String referrersSql(int n) {
    return "SELECT l.subject, m.media_type, m.size, m.digest, m.annotations, m.artifact_type FROM links l "
        + "CROSS JOIN manifests m ON m.repo = l.repo AND m.digest = l.accessory WHERE l.repo = ? AND l.subject IN ("
        + marks(n) + ") AND l.kind = 'SUBJECT' ORDER BY l.subject, l.accessory";
  }

  static String linkedBlobsSql(int n) {
    return "SELECT digest FROM blob_links WHERE repo = ? AND digest IN (" + marks(n) + ")";
  }

  private static List<List<String>> chunks(Collection<?> keys) {
    List<String> all = keys.stream().map(Object::toString).distinct().toList();
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
    }
    return out;
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static Object[] args(String repo, List<String> keys) {
    Object[] a = new Object[keys.size() + 1];
    a[0] = repo;
    for (int i = 0; i < keys.size(); i++) {
      a[i + 1] = keys.get(i);
    }
    return a;
  }
}
