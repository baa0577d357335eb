-- Signet registry metadata. Times are epoch milliseconds; digests are "<algorithm>:<hex>".

CREATE TABLE repositories (
  name    TEXT    NOT NULL PRIMARY KEY,
  created INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per (repository, manifest). The exact bytes come last so that index-only reads
-- (referrers, accessories, garbage collection) never touch their overflow pages.
CREATE TABLE manifests (
  repo           TEXT    NOT NULL,
  digest         TEXT    NOT NULL,
  media_type     TEXT    NOT NULL,
  size           INTEGER NOT NULL,
  subject        TEXT,
  artifact_type  TEXT,
  annotations    TEXT,
  accessory_type TEXT    NOT NULL,
  created        INTEGER NOT NULL,
  content        BLOB    NOT NULL,
  PRIMARY KEY (repo, digest)
);

CREATE TABLE tags (
  repo    TEXT    NOT NULL,
  name    TEXT    NOT NULL,
  digest  TEXT    NOT NULL,
  updated INTEGER NOT NULL,
  PRIMARY KEY (repo, name)
) WITHOUT ROWID;
CREATE INDEX tags_by_digest ON tags (repo, digest);

-- What a manifest points at: kind 'B' = config/layer blob, 'M' = child manifest of an index.
CREATE TABLE manifest_refs (
  repo   TEXT NOT NULL,
  parent TEXT NOT NULL,
  child  TEXT NOT NULL,
  kind   TEXT NOT NULL,
  PRIMARY KEY (repo, parent, child)
) WITHOUT ROWID;
CREATE INDEX manifest_refs_by_child ON manifest_refs (child, kind, repo);

-- Accessories attached to a subject (which may not exist yet): kind is a LinkKind name.
CREATE TABLE links (
  repo      TEXT    NOT NULL,
  subject   TEXT    NOT NULL,
  accessory TEXT    NOT NULL,
  kind      TEXT    NOT NULL,
  created   INTEGER NOT NULL,
  PRIMARY KEY (repo, subject, kind, accessory)
) WITHOUT ROWID;
CREATE INDEX links_by_accessory ON links (repo, accessory);

-- Blobs a repository may serve (uploaded into it, mounted, or inline data).
CREATE TABLE blob_links (
  repo    TEXT    NOT NULL,
  digest  TEXT    NOT NULL,
  size    INTEGER NOT NULL,
  created INTEGER NOT NULL,
  PRIMARY KEY (repo, digest)
) WITHOUT ROWID;
CREATE INDEX blob_links_by_digest ON blob_links (digest, created);

CREATE TABLE uploads (
  id      TEXT    NOT NULL PRIMARY KEY,
  repo    TEXT    NOT NULL,
  created INTEGER NOT NULL
) WITHOUT ROWID;
