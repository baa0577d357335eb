package dev.signet.registry.server.storage.sql;

import dev.signet.oci.Digest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Repository → blob links and upload-session ownership. */
final class BlobLinkSql {
  private BlobLinkSql() {}

  static Optional<Long> linked(Connection c, String repo, Digest digest) throws SQLException {
    return Jdbc.one(c, "SELECT size FROM blob_links WHERE repo = ? AND digest = ?", rs -> rs.getLong(1), repo,
        digest);
  }

  static void link(Connection c, String repo, Digest digest, long size, long now) throws SQLException {
    ManifestSql.ensureRepository(c, repo, now);
    Jdbc.update(c, "INSERT INTO blob_links (repo, digest, size, created) VALUES (?, ?, ?, ?) "
        + "ON CONFLICT (repo, digest) DO UPDATE SET created = excluded.created", repo, digest, size, now);
  }

  static boolean unlink(Connection c, String repo, Digest digest) throws SQLException {
    return Jdbc.update(c, "DELETE FROM blob_links WHERE repo = ? AND digest = ?", repo, digest) > 0;
  }

  static void createUpload(Connection c, String id, String repo, long now) throws SQLException {
    Jdbc.update(c, "INSERT INTO uploads (id, repo, created) VALUES (?, ?, ?)", id, repo, now);
  }

  static Optional<String> uploadRepository(Connection c, String id) throws SQLException {
    return Jdbc.one(c, "SELECT repo FROM uploads WHERE id = ?", rs -> rs.getString(1), id);
  }

  static boolean deleteUpload(Connection c, String id) throws SQLException {
    return Jdbc.update(c, "DELETE FROM uploads WHERE id = ?", id) > 0;
  }
}
