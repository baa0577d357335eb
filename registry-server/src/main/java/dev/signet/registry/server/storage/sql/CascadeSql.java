package dev.signet.registry.server.storage.sql;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.CascadeRule;
import dev.signet.registry.server.storage.LinkKind;
import dev.signet.registry.server.storage.ManifestRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deleting a subject deletes its accessories, their accessories, and so on — but only accessories that
 * the {@link CascadeRule} says really refer to their subject, and never one that is still reachable
 * otherwise: tagged by a tag other than a deleted subject's {@code sha256-<hex>[.sig|.att|.sbom]},
 * listed by an index that survives, or attached to another subject that survives.
 */
final class CascadeSql {
  private CascadeSql() {}

  private record Linked(Digest accessory, LinkKind kind) {}

  static List<Digest> delete(Connection c, String repo, Digest root, CascadeRule rule) throws SQLException {
    if (!ManifestSql.exists(c, repo, root)) {
      return List.of();
    }
    Set<Digest> doomed = new LinkedHashSet<>();
    doomed.add(root);
    Deque<Digest> frontier = new ArrayDeque<>(List.of(root));
    while (!frontier.isEmpty()) {
      Digest subject = frontier.pop();
      for (Linked l : accessoriesOf(c, repo, subject)) {
        if (doomed.contains(l.accessory())) {
          continue;
        }
        Optional<ManifestRecord> m = ManifestSql.get(c, repo, l.accessory());
        if (m.isPresent() && follows(c, repo, rule, m.get(), subject, l.kind())) {
          doomed.add(l.accessory());
          frontier.push(l.accessory());
        }
      }
    }
    boolean changed = true;
    while (changed) { // sparing one accessory may make another reachable: repeat until stable
      changed = false;
      for (Digest d : new ArrayList<>(doomed)) {
        if (!d.equals(root) && reachableOtherwise(c, repo, d, doomed)) {
          doomed.remove(d);
          changed = true;
        }
      }
    }
    for (Digest d : doomed) {
      ManifestSql.deleteOne(c, repo, d);
    }
    return new ArrayList<>(doomed);
  }

  private static boolean follows(Connection c, String repo, CascadeRule rule, ManifestRecord m, Digest subject,
      LinkKind kind) {
    return rule.follows(m, subject, kind, d -> {
      try {
        return ManifestSql.get(c, repo, d);
      } catch (SQLException e) {
        throw new IllegalStateException("reading " + d + " during a cascade", e);
      }
    });
  }

  private static List<Linked> accessoriesOf(Connection c, String repo, Digest subject) throws SQLException {
    return Jdbc.list(c, "SELECT accessory, kind FROM links WHERE repo = ? AND subject = ?",
        rs -> new Linked(Rows.digest(rs.getString(1)), LinkKind.valueOf(rs.getString(2))), repo, subject);
  }

  private static boolean reachableOtherwise(Connection c, String repo, Digest accessory, Set<Digest> doomed)
      throws SQLException {
    for (String tag : Jdbc.list(c, "SELECT name FROM tags WHERE repo = ? AND digest = ?", rs -> rs.getString(1),
        repo, accessory)) {
      Optional<SignatureTags.ParsedTag> t = SignatureTags.parse("", tag);
      if (t.isEmpty() || !doomed.contains(t.get().digest())) {
        return true;
      }
    }
    for (Digest parent : Jdbc.list(c, "SELECT parent FROM manifest_refs WHERE child = ? AND kind = 'M' AND repo = ?",
        rs -> Rows.digest(rs.getString(1)), accessory, repo)) {
      if (!doomed.contains(parent)) {
        return true;
      }
    }
    for (Digest s : Jdbc.list(c, "SELECT DISTINCT subject FROM links WHERE repo = ? AND accessory = ?",
        rs -> Rows.digest(rs.getString(1)), repo, accessory)) {
      if (!doomed.contains(s) && ManifestSql.exists(c, repo, s)) {
        return true;
      }
    }
    return false;
  }
}
