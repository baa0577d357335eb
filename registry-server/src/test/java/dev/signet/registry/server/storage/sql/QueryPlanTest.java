package dev.signet.registry.server.storage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot read queries must be answered from indexes: a full scan of {@code manifests} would make the
 * referrers API cost grow with the repository (what zot does). Checked with {@code EXPLAIN QUERY PLAN}.
 */
class QueryPlanTest {
  @TempDir Path dir;

  private List<String> plan(String sql, Object... args) {
    try (SqliteDatabase db = new SqliteDatabase(dir.resolve("plan.db"), false, 1)) {
      return db.read(c -> Jdbc.list(c, "EXPLAIN QUERY PLAN " + sql, rs -> rs.getString("detail"), args));
    }
  }

  @Test
  void referrers_walkTheSubjectsLinksThenLookUpManifests() {
    for (boolean filtered : new boolean[] {false, true}) {
      Object[] args = filtered ? new Object[] {"r", "s", "t"} : new Object[] {"r", "s"};
      List<String> plan = plan(DiscoverySql.referrersSql(filtered), args);
      assertThat(plan).as(plan.toString()).noneMatch(step -> step.startsWith("SCAN"));
      assertThat(plan).noneMatch(step -> step.contains("TEMP B-TREE"));
      assertThat(plan.get(0)).startsWith("SEARCH l");
    }
  }

  @Test
  void accessoriesAndTagReads_useIndexes() {
    assertThat(plan(DiscoverySql.ACCESSORIES_SQL, "r", "s")).noneMatch(step -> step.startsWith("SCAN"));
    assertThat(plan(ManifestSql.BY_TAG_SQL, "r", "t")).noneMatch(step -> step.startsWith("SCAN"));
  }

  @Test
  void batchReads_useIndexes() {
    Object[] three = {"r", "a", "b", "c"};
    for (String sql : List.of(BatchSql.manifestsSql(3), BatchSql.byTagSql(3), BatchSql.referrersSql(3),
        BatchSql.linkedBlobsSql(3))) {
      List<String> plan = plan(sql, three);
      assertThat(plan).as(sql + " " + plan).noneMatch(step -> step.startsWith("SCAN"));
    }
    assertThat(plan(BatchSql.referrersSql(3), three).get(0)).startsWith("SEARCH l");
  }
}
