package dev.signet.registry.server.replication;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rules in {@code replication_rules}; destination secrets sealed by a {@link SecretBox}. */
final class RuleStore {
  private static final String COLUMNS = "name, source, tags, destination, dest_prefix, strip_prefix, trigger_kind, "
      + "cron, enabled, credential_kind, credential_user, credential_secret";

  private final ReplicationDatabase db;
  private final SecretBox secrets;

  RuleStore(ReplicationDatabase db, SecretBox secrets) {
    this.db = db;
    this.secrets = secrets;
  }

  void insert(ReplicationRule r, Instant now) throws ReplicationException {
    Optional<DestinationCredential> cred = r.credential();
    byte[] sealed = cred.flatMap(DestinationCredential::secret).map(s -> secrets.seal(s, r.name())).orElse(null);
    boolean inserted = db.write(c -> {
      if (ReplicationDatabase.exists(c, "SELECT 1 FROM replication_rules WHERE name = ?", r.name())) {
        return false;
      }
      ReplicationDatabase.update(c, "INSERT INTO replication_rules (" + COLUMNS + ", created) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          r.name(), r.source(), r.tags(), r.destination(), r.destinationPrefix(), r.stripPrefix(), r.trigger().name(),
          r.cron().map(CronSchedule::expression).orElse(null), r.enabled(),
          cred.map(x -> x.kind().name()).orElse(null), cred.flatMap(DestinationCredential::username).orElse(null),
          sealed, now.toEpochMilli());
      return true;
    });
    if (!inserted) {
      throw new ReplicationException(ReplicationException.Reason.RULE_EXISTS,
          "a replication rule named " + r.name() + " exists; delete it first to replace it");
    }
  }

  List<ReplicationRule> list() {
    return db.read(c -> ReplicationDatabase.list(c, "SELECT " + COLUMNS + " FROM replication_rules ORDER BY name",
        this::rule));
  }

  Optional<ReplicationRule> find(String name) {
    return db.read(c -> ReplicationDatabase.one(c, "SELECT " + COLUMNS + " FROM replication_rules WHERE name = ?",
        this::rule, name));
  }

  /** Deletes the rule with its jobs; false when there was none. */
  boolean delete(String name) {
    return db.write(c -> {
      ReplicationDatabase.update(c, "DELETE FROM replication_covered WHERE job IN "
          + "(SELECT id FROM replication_jobs WHERE rule = ?)", name);
      ReplicationDatabase.update(c, "DELETE FROM replication_jobs WHERE rule = ?", name);
      return ReplicationDatabase.update(c, "DELETE FROM replication_rules WHERE name = ?", name) > 0;
    });
  }

  /** Records that the cron minute {@code epochMinute} was planned; false when it already was. */
  boolean markScheduled(String name, long epochMinute) {
    return db.write(c -> ReplicationDatabase.update(c, "UPDATE replication_rules SET last_scheduled = ? "
        + "WHERE name = ? AND (last_scheduled IS NULL OR last_scheduled < ?)", epochMinute, name, epochMinute) > 0);
  }

  private ReplicationRule rule(ResultSet rs) throws SQLException {
    String name = rs.getString("name");
    String cron = rs.getString("cron");
    return new ReplicationRule(name, Glob.of(rs.getString("source")), Glob.of(rs.getString("tags")),
        URI.create(rs.getString("destination")), rs.getString("dest_prefix"), rs.getString("strip_prefix"),
        Trigger.valueOf(rs.getString("trigger_kind")), Optional.ofNullable(cron).map(CronSchedule::parse),
        rs.getLong("enabled") != 0, credential(name, rs));
  }

  private Optional<DestinationCredential> credential(String rule, ResultSet rs) throws SQLException {
    String kind = rs.getString("credential_kind");
    if (kind == null) {
      return Optional.empty();
    }
    DestinationCredential.Kind k = DestinationCredential.Kind.valueOf(kind);
    String user = rs.getString("credential_user");
    try {
      String secret = secrets.open(rs.getBytes("credential_secret"), rule);
      return Optional.of(k == DestinationCredential.Kind.BASIC ? DestinationCredential.basic(user, secret)
          : DestinationCredential.token(secret));
    } catch (GeneralSecurityException e) {
      return Optional.of(DestinationCredential.unreadable(k, user));
    }
  }
}
