-- Replication rules and jobs (dev.signet.registry.server.replication). Times are epoch milliseconds;
-- digests are "<algorithm>:<hex>".

-- credential_secret is the password or token sealed with AES-256-GCM under the key in
-- <data dir>/replication.key (mode 0600), with the rule name as associated data; it is never stored
-- in plain text, but anyone who can read both the data directory's key file and this database can
-- decrypt it.
CREATE TABLE replication_rules (
  name              TEXT    NOT NULL PRIMARY KEY,
  source            TEXT    NOT NULL,
  tags              TEXT    NOT NULL,
  destination       TEXT    NOT NULL,
  dest_prefix       TEXT    NOT NULL DEFAULT '',
  strip_prefix      TEXT    NOT NULL DEFAULT '',
  trigger_kind      TEXT    NOT NULL,            -- MANUAL, EVENT or CRON
  cron              TEXT,
  enabled           INTEGER NOT NULL DEFAULT 1,
  credential_kind   TEXT,                        -- NULL, BASIC or TOKEN
  credential_user   TEXT,
  credential_secret BLOB,
  last_scheduled    INTEGER,                     -- the last cron minute planned (epoch minutes)
  created           INTEGER NOT NULL
) WITHOUT ROWID;

-- One job per (rule, repository, subject). tags: newline-separated tags to point at the subject at the
-- destination. rerun = 1: queued again while running (an accessory arrived), so it runs once more.
CREATE TABLE replication_jobs (
  id           INTEGER PRIMARY KEY,
  rule         TEXT    NOT NULL,
  repository   TEXT    NOT NULL,
  digest       TEXT    NOT NULL,
  tags         TEXT    NOT NULL DEFAULT '',
  state        TEXT    NOT NULL,                 -- QUEUED, RUNNING, SUCCEEDED or FAILED
  attempts     INTEGER NOT NULL DEFAULT 0,
  rerun        INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT,
  result       TEXT,
  created      INTEGER NOT NULL,
  updated      INTEGER NOT NULL,
  next_attempt INTEGER,
  finished     INTEGER,
  UNIQUE (rule, repository, digest)
);
CREATE INDEX replication_jobs_due ON replication_jobs (state, next_attempt);
CREATE INDEX replication_jobs_recent ON replication_jobs (updated);

-- What a job's last success replicated besides its subject (index children, accessories, accessories of
-- accessories): an accessory pushed later whose subject is listed here re-runs that job.
CREATE TABLE replication_covered (
  job    INTEGER NOT NULL,
  digest TEXT    NOT NULL,
  PRIMARY KEY (job, digest)
) WITHOUT ROWID;
CREATE INDEX replication_covered_by_digest ON replication_covered (digest, job);
