package dev.signet.registry.server.trust;

import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Recorded verification results ({@code trust_results}) and the one look-up into the registry's own
 * tables the index rule needs: which indexes list a manifest ({@code manifest_refs}).
 */
final class ResultStore {
  private static final String COLUMNS =
      "repo, subject, signature, anchor, entry, outcome, signer, reason, annotations, verified, predicate_type";

  private final TrustDb db;

  ResultStore(TrustDb db) {
    this.db = db;
  }

  /** Every result recorded for signatures of {@code subject}. */
  List<VerificationResult> forSubject(String repo, Digest subject) {
    return db.read(c -> TrustDb.list(c, "SELECT " + COLUMNS + " FROM trust_results WHERE repo = ? AND subject = ?",
        ResultStore::row, repo, subject));
  }

  /** Every result recorded for one signature manifest. */
  List<VerificationResult> forSignature(String repo, Digest signature) {
    return db.read(c -> TrustDb.list(c, "SELECT " + COLUMNS + " FROM trust_results WHERE repo = ? AND signature = ?",
        ResultStore::row, repo, signature));
  }

  /**
   * Records results of one signature for one subject, unless the signature is no longer attached to it
   * (deleted or detached meanwhile: then the triggers have already run and nothing may be left behind).
   */
  void record(String repo, Digest subject, Digest signature, List<VerificationResult> results) {
    db.write(c -> {
      for (VerificationResult r : results) {
        TrustDb.update(c, "INSERT OR REPLACE INTO trust_results (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
            + "WHERE EXISTS (SELECT 1 FROM links WHERE repo = ? AND subject = ? AND accessory = ?)",
            repo, subject, signature, r.anchor(), r.entry(), r.outcome().name(), r.signer(), r.reason(),
            r.outcome() == Outcome.VERIFIED ? PolicyStore.json(r.annotations()) : null, r.verified().toEpochMilli(),
            r.outcome() == Outcome.VERIFIED ? r.predicateType() : null, repo, subject, signature);
      }
      return null;
    });
  }

  /** The image indexes (not referrers fallback indexes) in {@code repo} that list {@code child}. */
  List<Digest> parentIndexes(String repo, Digest child) {
    return db.read(c -> TrustDb.list(c, "SELECT r.parent FROM manifest_refs r JOIN manifests m ON m.repo = r.repo "
        + "AND m.digest = r.parent WHERE r.child = ? AND r.kind = 'M' AND r.repo = ? "
        + "AND m.accessory_type <> 'REFERRERS_INDEX'", rs -> digest(rs.getString(1)), child, repo));
  }

  private static VerificationResult row(ResultSet rs) throws SQLException {
    return new VerificationResult(rs.getString(1), digest(rs.getString(2)), digest(rs.getString(3)), rs.getString(4),
        rs.getInt(5), Outcome.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8),
        PolicyStore.annotations(rs.getString(9)), rs.getString(11), Instant.ofEpochMilli(rs.getLong(10)));
  }

  private static Digest digest(String s) throws SQLException {
    try {
      return Digest.parse(s);
    } catch (InvalidDigestException e) {
      throw new SQLException("corrupt digest " + s, e);
    }
  }
}
