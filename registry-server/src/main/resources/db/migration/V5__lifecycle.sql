-- Lifecycle: immutable tag patterns and retention rules, one row per project (the first path component
-- of a repository name). Times are epoch milliseconds.
CREATE TABLE lifecycle_policies (
  project           TEXT    NOT NULL PRIMARY KEY,
  immutable_tags    TEXT    NOT NULL,   -- JSON array of tag globs (Glob syntax)
  keep_pattern      TEXT,               -- keep the last keep_count tags matching this glob, per repository
  keep_count        INTEGER,
  keep_days         INTEGER,            -- keep tags pushed within this many days
  run_every_minutes INTEGER,            -- run retention on this interval (null: manual runs only)
  last_run          INTEGER,            -- the last (non-dry) retention run
  updated           INTEGER NOT NULL
) WITHOUT ROWID;
