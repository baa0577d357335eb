-- Signet registry accounts and access (dev.signet.registry.server.auth). Times are epoch milliseconds.
-- Secrets are never stored: passwords as Argon2id PHC strings, robot tokens as SHA-256 hex.

CREATE TABLE users (
  name             TEXT    NOT NULL PRIMARY KEY,
  password_hash    TEXT    NOT NULL,
  system_admin     INTEGER NOT NULL DEFAULT 0,
  created          INTEGER NOT NULL,
  -- when the password last changed: refresh tokens issued before it are refused
  password_changed INTEGER NOT NULL
) WITHOUT ROWID;

-- A project is the first path component of repository names; public projects allow anonymous pull.
CREATE TABLE projects (
  name    TEXT    NOT NULL PRIMARY KEY,
  public  INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL
) WITHOUT ROWID;

-- role: PULL, PUSH, DELETE or ADMIN (each implies the ones before it).
CREATE TABLE members (
  project TEXT NOT NULL,
  user    TEXT NOT NULL,
  role    TEXT NOT NULL,
  PRIMARY KEY (project, user)
) WITHOUT ROWID;
CREATE INDEX members_by_user ON members (user, project);

-- Robot accounts log in as "robot$<project>+<name>" with their token; revoked rows stay listed.
CREATE TABLE robots (
  project    TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  role       TEXT    NOT NULL,
  token_hash TEXT    NOT NULL,
  created    INTEGER NOT NULL,
  revoked    INTEGER,
  PRIMARY KEY (project, name)
) WITHOUT ROWID;

-- outcome: "ok", "denied", "failed" (with the error code in detail).
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT    NOT NULL,
  action  TEXT    NOT NULL,
  target  TEXT,
  outcome TEXT    NOT NULL,
  detail  TEXT
);
