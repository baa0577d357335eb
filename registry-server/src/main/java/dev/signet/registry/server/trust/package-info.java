/**
 * Verified pull: the registry verifies signatures and attestations against each project's trust
 * material with the verification engine ({@code dev.signet.verify.SigstoreVerifier}, the same engine
 * {@code signet verify} uses) and enforces the stored result when manifests are read.
 *
 * <h2>Policy</h2>
 * One {@link dev.signet.registry.server.trust.TrustPolicy} per project (the first path component of a
 * repository name): mode {@code off|audit|enforce}; trust anchors
 * ({@link dev.signet.registry.server.trust.TrustAnchor}): public keys, certificate authorities, and keyless
 * identities ({@link dev.signet.registry.server.trust.KeylessIdentity}: issuer and subject, exact or
 * regexp, optional GitHub workflow claims) verified against the policy's trusted root
 * ({@link dev.signet.registry.server.trust.PolicyRoot}, an uploaded {@code trusted_root.json}); a
 * threshold of distinct trusted signers; annotations every counted signature must have signed; required
 * attestation types ({@link dev.signet.registry.server.trust.PredicateTypes}: cosign short names or
 * predicate type URIs); and the {@link dev.signet.registry.server.trust.IndexRule}. Stored in
 * {@code trust_policies} / {@code trust_anchors} (migrations V3, V6); read and replaced through
 * {@code GET/PUT /api/v1/admin/projects/<project>/policy} ({@code trust.http.PolicyAdminHandler}).
 *
 * <h2>Verification (once, at push; lazily after a policy change)</h2>
 * When a signature manifest is pushed (a legacy {@code sha256-<hex>.sig} image of simple-signing layers,
 * a legacy {@code .att} image of DSSE layers, or a cosign v3 Sigstore bundle referrer), every entry in it
 * ({@link dev.signet.registry.server.trust.SignatureEntries}) is verified offline by the engine against
 * every anchor of the project's policy, for the digest of the subject it is attached to
 * ({@link dev.signet.registry.server.trust.EntryVerifier}):
 * <ul>
 *   <li>key: the engine's key mode; no transparency-log entry is required or checked (the project trusts
 *       its keys, as {@code cosign verify --key --insecure-ignore-tlog} would);
 *   <li>certificate authority: the certificate must chain to the CA (bring-your-own root) at the time the
 *       registry first stored the signature, which stands in for a log timestamp; no log entry, SCT or
 *       identity is required;
 *   <li>identity: the engine's keyless mode against the trusted root with its default thresholds: the
 *       certificate chains to a Fulcio CA of the root at a verified log time, carries one SCT of a root CT
 *       log, one log entry (Rekor SET or inclusion proof) verifies and records exactly this signature,
 *       and the certificate's identity matches.
 * </ul>
 * In every mode the signature must verify over the payload or DSSE PAE and the signed claims must name
 * the subject. A legacy {@code .att} layer goes to the engine as what it is
 * ({@link dev.signet.verify.LegacyAttestation}: the DSSE envelope and its annotations). The outcome per (subject, signature,
 * anchor, entry) — {@link dev.signet.registry.server.trust.Outcome VERIFIED, INVALID or UNTRUSTED}, the
 * signer (key fingerprint {@code PublicKeys.hint}, or {@code identity <SAN> (<issuer>)}), the reason (a
 * rejection keeps the engine's message, which starts with the check that failed: {@code signature:},
 * {@code identity:}, {@code certificate chain:}, {@code tlog entry:}, …), the signed annotations, the
 * in-toto predicate type and the time — goes to {@code trust_results}. Anchors are fingerprinted so that
 * results never depend on the rest of the policy: an identity's fingerprint covers its spec and the
 * trusted root's digest.
 *
 * <h2>Decision (looked up at pull)</h2>
 * A manifest satisfies its policy when the distinct signers of VERIFIED results, of anchors the policy
 * names now, of signatures still attached to it, whose signed annotations hold the required pairs, reach
 * the threshold (attestations count like signatures), and when for every required attestation type some
 * such VERIFIED result's statement has that predicate type. Policy changes re-derive decisions: results
 * for dropped anchors are deleted, results for new anchors are verified lazily the next time a subject
 * is pulled (then recorded). Deleting a signature manifest (by digest, by cascade from its subject, by
 * garbage collection) or detaching it (deleting its {@code .sig}/{@code .att} tag) deletes its results
 * through triggers, in the deleting transaction.
 *
 * <h2>Enforcement</h2>
 * On manifest GET/HEAD ({@link dev.signet.registry.server.trust.PullGate}): nothing happens when the
 * policy is off, or for accessories (signature, attestation and SBOM images, referrers, referrers
 * fallback indexes: anything attached to a subject that cannot be run as an image), so clients can always
 * read signatures; blobs are never checked. A caller holding an
 * {@link dev.signet.registry.server.trust.EnforcementExemption} (the pusher, who must resolve the tag
 * before signing) is served. Otherwise the manifest must satisfy the policy itself or, under
 * {@code IndexRule.INHERIT}, be listed by an index of the same repository that does. An unsatisfied
 * pull is recorded in {@code trust_decisions} and sent to the {@link dev.signet.registry.server.trust.AuditSink};
 * in enforce mode it is refused with 412 and the error code {@code DENIED}, the message naming the
 * project policy, what is missing (signers, attestation types) and up to three rejection reasons.
 */
package dev.signet.registry.server.trust;
