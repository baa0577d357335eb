package dev.signet.registry.server.storage.sql;

import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.ConditionFailedException;
import dev.signet.registry.server.storage.Link;
import dev.signet.registry.server.storage.LinkKind;
import dev.signet.registry.server.storage.ManifestRecord;
import dev.signet.registry.server.storage.ManifestWrite;
import dev.signet.registry.server.storage.MissingReferenceException;
import dev.signet.registry.server.storage.Reference;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Manifest reads and the manifest PUT transaction. */
final class ManifestSql {
  private ManifestSql() {}

  static Optional<ManifestRecord> get(Connection c, String repo, Digest digest) throws SQLException {
    return Jdbc.one(c, "SELECT " + Rows.MANIFEST_COLUMNS + " FROM manifests WHERE repo = ? AND digest = ?",
        Rows::manifest, repo, digest);
  }

  static final String BY_TAG_SQL = "SELECT " + Rows.MANIFEST_COLUMNS.replaceAll("(\\w+)", "m.$1")
      + " FROM tags t CROSS JOIN manifests m ON m.repo = t.repo AND m.digest = t.digest"
      + " WHERE t.repo = ? AND t.name = ?";

  static Optional<ManifestRecord> byTag(Connection c, String repo, String tag) throws SQLException {
    return Jdbc.one(c, BY_TAG_SQL, Rows::manifest, repo, tag);
  }

  static boolean exists(Connection c, String repo, Digest digest) throws SQLException {
    return Jdbc.exists(c, "SELECT 1 FROM manifests WHERE repo = ? AND digest = ?", repo, digest);
  }

  static Optional<Digest> resolveTag(Connection c, String repo, String tag) throws SQLException {
    return Jdbc.one(c, "SELECT digest FROM tags WHERE repo = ? AND name = ?", rs -> Rows.digest(rs.getString(1)),
        repo, tag);
  }

  static void ensureRepository(Connection c, String repo, long now) throws SQLException {
    Jdbc.update(c, "INSERT OR IGNORE INTO repositories (name, created) VALUES (?, ?)", repo, now);
  }

  /** The whole PUT; runs inside the caller's write transaction. */
  static boolean put(Connection c, ManifestWrite w, java.util.function.Predicate<Digest> stored)
      throws SQLException, ConditionFailedException, MissingReferenceException {
    String repo = w.repository();
    ManifestRecord m = w.manifest();
    long now = m.created().toEpochMilli();
    Optional<Digest> current = w.tags().isEmpty()
        ? (exists(c, repo, m.digest()) ? Optional.of(m.digest()) : Optional.empty())
        : resolveTag(c, repo, w.tags().get(0));
    if (!w.condition().allows(current)) {
      throw new ConditionFailedException(current.map(d -> "the target is " + d).orElse("the target does not exist"));
    }
    List<Reference> missing = new ArrayList<>();
    for (Reference r : w.references()) {
      boolean present = r.kind() == Reference.Kind.BLOB
          ? Jdbc.exists(c, "SELECT 1 FROM blob_links WHERE repo = ? AND digest = ?", repo, r.digest())
              && stored.test(r.digest())
          : exists(c, repo, r.digest());
      if (!present) {
        missing.add(r);
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingReferenceException(missing);
    }
    ensureRepository(c, repo, now);
    boolean inserted = Jdbc.update(c, "INSERT OR IGNORE INTO manifests (repo, " + Rows.MANIFEST_COLUMNS
        + ", size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", repo, m.digest(), m.mediaType(), m.subject(),
        m.artifactType(), Rows.annotationsJson(m.annotations()), m.accessoryType(), now, m.content(), m.size()) == 1;
    if (!inserted && !"REFERRERS_INDEX".equals(m.accessoryType())) {
      // an index first pushed to a fallback tag is an ordinary index once pushed under another tag
      Jdbc.update(c, "UPDATE manifests SET accessory_type = ? WHERE repo = ? AND digest = ? "
          + "AND accessory_type = 'REFERRERS_INDEX'", m.accessoryType(), repo, m.digest());
    }
    if (inserted) {
      for (Reference r : w.references()) {
        Jdbc.update(c, "INSERT OR IGNORE INTO manifest_refs (repo, parent, child, kind) VALUES (?, ?, ?, ?)",
            repo, m.digest(), r.digest(), r.kind() == Reference.Kind.BLOB ? "B" : "M");
      }
    }
    for (ManifestWrite.LinkScope scope : w.replaced()) {
      for (LinkKind kind : scope.kinds()) {
        Jdbc.update(c, "DELETE FROM links WHERE repo = ? AND subject = ? AND kind = ?", repo, scope.subject(),
            kind.name());
      }
    }
    for (Link l : w.links()) {
      Jdbc.update(c, "INSERT OR IGNORE INTO links (repo, subject, accessory, kind, created) VALUES (?, ?, ?, ?, ?)",
          repo, l.subject(), l.accessory(), l.kind().name(), now);
    }
    for (String tag : w.tags()) {
      Jdbc.update(c, "INSERT INTO tags (repo, name, digest, updated) VALUES (?, ?, ?, ?) "
          + "ON CONFLICT (repo, name) DO UPDATE SET digest = excluded.digest, updated = excluded.updated",
          repo, tag, m.digest(), now);
    }
    return inserted;
  }

  /** Removes one manifest with its tags, references and the links that make it an accessory. */
  static void deleteOne(Connection c, String repo, Digest d) throws SQLException {
    Jdbc.update(c, "DELETE FROM manifests WHERE repo = ? AND digest = ?", repo, d);
    Jdbc.update(c, "DELETE FROM tags WHERE repo = ? AND digest = ?", repo, d);
    Jdbc.update(c, "DELETE FROM manifest_refs WHERE repo = ? AND parent = ?", repo, d);
    Jdbc.update(c, "DELETE FROM links WHERE repo = ? AND accessory = ?", repo, d);
  }
}
