package dev.signet.registry.server.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Policies and their trust anchors in {@code trust_policies} / {@code trust_anchors} (keys, CAs and
 * identities; the trusted root and required attestations are columns of the policy row).
 */
final class PolicyStore {
  static final ObjectMapper JSON = new ObjectMapper();

  private record PolicyRow(TrustMode mode, int threshold, IndexRule rule, Map<String, String> annotations,
      Instant updated, String trustedRoot, List<String> attestations) {}

  private record AnchorRow(TrustAnchor.Kind kind, String pem) {}

  private final TrustDb db;

  PolicyStore(TrustDb db) {
    this.db = db;
  }

  Optional<TrustPolicy> get(String project) {
    return db.read(c -> {
      List<PolicyRow> rows = TrustDb.list(c, "SELECT mode, threshold, index_rule, annotations, updated, trusted_root, "
          + "attestations FROM trust_policies WHERE project = ?", rs -> new PolicyRow(TrustMode.valueOf(rs.getString(1)),
              rs.getInt(2), IndexRule.valueOf(rs.getString(3)), annotations(rs.getString(4)),
              Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), strings(rs.getString(7))), project);
      if (rows.isEmpty()) {
        return Optional.empty();
      }
      PolicyRow r = rows.get(0);
      PolicyRoot root = r.trustedRoot() == null ? null : PolicyRoot.parse(r.trustedRoot());
      List<AnchorRow> stored = TrustDb.list(c, "SELECT kind, pem FROM trust_anchors WHERE project = ? "
          + "ORDER BY position", rs -> new AnchorRow(TrustAnchor.Kind.valueOf(rs.getString(1)), rs.getString(2)),
          project);
      List<TrustAnchor> anchors = new ArrayList<>();
      for (AnchorRow a : stored) {
        anchors.add(switch (a.kind()) {
          case KEY -> TrustAnchor.key(a.pem());
          case CA -> TrustAnchor.certificateAuthority(a.pem());
          case IDENTITY -> TrustAnchor.identity(KeylessIdentity.parseSpec(a.pem()), root);
        });
      }
      return Optional.of(new TrustPolicy(project, r.mode(), anchors, r.threshold(), r.annotations(), r.rule(),
          root, r.attestations(), r.updated()));
    });
  }

  /**
   * Replaces the project's policy and forgets results recorded for anchors it no longer names (results
   * for the anchors it keeps stay valid: they do not depend on the rest of the policy).
   */
  void put(TrustPolicy p) {
    db.write(c -> {
      TrustDb.update(c, "INSERT OR REPLACE INTO trust_policies (project, mode, threshold, index_rule, "
          + "annotations, updated, trusted_root, attestations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p.project(),
          p.mode().name(), p.threshold(), p.indexRule().name(), json(p.requiredAnnotations()),
          p.updated().toEpochMilli(), p.trustedRoot() == null ? null : p.trustedRoot().json(),
          json(p.requiredAttestations()));
      TrustDb.update(c, "DELETE FROM trust_anchors WHERE project = ?", p.project());
      int position = 0;
      for (TrustAnchor a : p.anchors()) {
        TrustDb.update(c, "INSERT INTO trust_anchors (project, fingerprint, kind, pem, position) VALUES "
            + "(?, ?, ?, ?, ?)", p.project(), a.fingerprint(), a.kind().name(), a.pem(), position++);
      }
      forgetOtherAnchors(c, p);
      return null;
    });
  }

  private static void forgetOtherAnchors(Connection c, TrustPolicy p) throws SQLException {
    List<String> keep = new ArrayList<>(p.fingerprints());
    String placeholders = keep.isEmpty() ? "''" : String.join(",", java.util.Collections.nCopies(keep.size(), "?"));
    String prefix = p.project() + "/";
    List<Object> args = new ArrayList<>(List.of(p.project(), prefix.length(), prefix));
    args.addAll(keep);
    TrustDb.update(c, "DELETE FROM trust_results WHERE (repo = ? OR substr(repo, 1, ?) = ?) AND anchor NOT IN ("
        + placeholders + ")", args.toArray());
  }

  static String json(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(map));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String json(List<String> list) {
    try {
      return JSON.writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> strings(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt attestations column: " + e.getMessage(), e);
    }
  }

  static Map<String, String> annotations(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt annotations column: " + e.getMessage(), e);
    }
  }
}
