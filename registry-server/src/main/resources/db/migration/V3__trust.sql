-- Verified pull: per-project trust policies, the trust material they name, and what verifying each
-- stored signature against each piece of trust material found. Times are epoch milliseconds.

-- One policy per project (the first path component of a repository name).
CREATE TABLE trust_policies (
  project     TEXT    NOT NULL PRIMARY KEY,
  mode        TEXT    NOT NULL,   -- OFF | AUDIT | ENFORCE
  threshold   INTEGER NOT NULL,   -- distinct trusted signers required
  index_rule  TEXT    NOT NULL,   -- INHERIT | OWN (children of a signed index)
  annotations TEXT    NOT NULL,   -- JSON object of required signed annotations
  updated     INTEGER NOT NULL
) WITHOUT ROWID;

-- Trust anchors of a policy: public keys (fingerprint = PublicKeys.hint) and certificate authorities
-- (fingerprint = "ca:sha256:<hex of the certificate DER>").
CREATE TABLE trust_anchors (
  project     TEXT    NOT NULL,
  fingerprint TEXT    NOT NULL,
  kind        TEXT    NOT NULL,   -- KEY | CA
  pem         TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  PRIMARY KEY (project, fingerprint)
) WITHOUT ROWID;

-- One row per (subject, signature manifest, anchor, signature entry): the outcome of verifying that
-- entry (a .sig layer, an .att layer, a bundle) against that anchor for that subject. A policy counts
-- the rows of its current anchors, so changing the anchors re-derives decisions; rows for anchors not
-- verified yet are filled in lazily. entry -1 records a signature manifest without any entry.
CREATE TABLE trust_results (
  repo        TEXT    NOT NULL,
  subject     TEXT    NOT NULL,
  signature   TEXT    NOT NULL,
  anchor      TEXT    NOT NULL,
  entry       INTEGER NOT NULL,
  outcome     TEXT    NOT NULL,   -- VERIFIED | INVALID | UNTRUSTED
  signer      TEXT,               -- PublicKeys.hint of the key that verified it
  reason      TEXT    NOT NULL,
  annotations TEXT,               -- JSON object of the signed annotations (VERIFIED only)
  verified    INTEGER NOT NULL,
  PRIMARY KEY (repo, subject, signature, anchor, entry)
) WITHOUT ROWID;
CREATE INDEX trust_results_by_signature ON trust_results (repo, signature);

-- Pulls of content that did not satisfy its project's policy (denied in enforce mode, allowed and
-- recorded in audit mode).
CREATE TABLE trust_decisions (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  time      INTEGER NOT NULL,
  project   TEXT    NOT NULL,
  repo      TEXT    NOT NULL,
  digest    TEXT    NOT NULL,
  reference TEXT    NOT NULL,
  mode      TEXT    NOT NULL,
  verdict   TEXT    NOT NULL,     -- DENIED | AUDITED
  principal TEXT,
  reason    TEXT    NOT NULL
);
CREATE INDEX trust_decisions_by_project ON trust_decisions (project, id);

-- Deleting a signature manifest (by digest, by cascade from its subject, or by garbage collection)
-- drops what was recorded about it, in the same transaction.
CREATE TRIGGER trust_results_of_deleted_manifest AFTER DELETE ON manifests
BEGIN
  DELETE FROM trust_results WHERE repo = OLD.repo AND signature = OLD.digest;
END;

-- Detaching a signature from a subject (deleting its legacy .sig/.att tag) drops the results for that
-- subject once no other link attaches it.
CREATE TRIGGER trust_results_of_detached_link AFTER DELETE ON links
BEGIN
  DELETE FROM trust_results
   WHERE repo = OLD.repo AND subject = OLD.subject AND signature = OLD.accessory
     AND NOT EXISTS (SELECT 1 FROM links
                      WHERE repo = OLD.repo AND subject = OLD.subject AND accessory = OLD.accessory);
END;
