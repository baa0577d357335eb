-- Verified pull through the verification engine: keyless identities against a per-project trusted
-- root, and required attestations.

-- The project's Sigstore trusted_root.json (NULL: none), and the attestation types every image must
-- carry (JSON array of cosign short names or predicate type URIs). Identities are trust_anchors rows of
-- kind IDENTITY (pem holds the identity's spec; fingerprint "identity:sha256:<hex>" covers the spec and
-- the trusted root's digest).
ALTER TABLE trust_policies ADD COLUMN trusted_root TEXT;
ALTER TABLE trust_policies ADD COLUMN attestations TEXT NOT NULL DEFAULT '[]';

-- The predicate type of a verified in-toto statement (NULL for simple-signing payloads and rejections).
ALTER TABLE trust_results ADD COLUMN predicate_type TEXT;

-- Results recorded by the registry's former verifier lack predicate types and may differ from the
-- engine's verdicts: forget them; they are re-verified lazily at the next pull of each image.
DELETE FROM trust_results;
