package dev.signet.registry.server.storage.sql;

import dev.signet.oci.Digest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deleting a subject deletes its accessories, their accessories, and so on; an accessory that is also
 * attached to another subject that survives is kept.
 */
final class CascadeSql {
  private CascadeSql() {}

  static List<Digest> delete(Connection c, String repo, Digest root) throws SQLException {
    if (!ManifestSql.exists(c, repo, root)) {
      return List.of();
    }
    Set<Digest> doomed = new LinkedHashSet<>();
    doomed.add(root);
    Deque<Digest> frontier = new ArrayDeque<>(List.of(root));
    while (!frontier.isEmpty()) {
      Digest subject = frontier.pop();
      for (Digest accessory : accessoriesOf(c, repo, subject)) {
        if (!doomed.contains(accessory) && ManifestSql.exists(c, repo, accessory)
            && !attachedElsewhere(c, repo, accessory, doomed)) {
          doomed.add(accessory);
          frontier.push(accessory);
        }
      }
    }
    for (Digest d : doomed) {
      ManifestSql.deleteOne(c, repo, d);
    }
    return new ArrayList<>(doomed);
  }

  private static List<Digest> accessoriesOf(Connection c, String repo, Digest subject) throws SQLException {
    return Jdbc.list(c, "SELECT DISTINCT accessory FROM links WHERE repo = ? AND subject = ?",
        rs -> Rows.digest(rs.getString(1)), repo, subject);
  }

  private static boolean attachedElsewhere(Connection c, String repo, Digest accessory, Set<Digest> doomed)
      throws SQLException {
    List<Digest> subjects = Jdbc.list(c, "SELECT DISTINCT subject FROM links WHERE repo = ? AND accessory = ?",
        rs -> Rows.digest(rs.getString(1)), repo, accessory);
    for (Digest s : subjects) {
      if (!doomed.contains(s) && ManifestSql.exists(c, repo, s)) {
        return true;
      }
    }
    return false;
  }
}
