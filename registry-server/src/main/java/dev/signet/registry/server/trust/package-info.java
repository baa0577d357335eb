/**
 * Verified pull: the registry verifies signatures against each project's trust material and enforces
 * the result when manifests are read.
 *
 * <h2>Policy</h2>
 * One {@link dev.signet.registry.server.trust.TrustPolicy} per project (the first path component of a
 * repository name): mode {@code off|audit|enforce}; trusted public keys and certificate authorities
 * ({@link dev.signet.registry.server.trust.TrustAnchor}); a threshold of distinct trusted signer keys;
 * annotations every counted signature must have signed; and the {@link dev.signet.registry.server.trust.IndexRule}.
 * Stored in {@code trust_policies} / {@code trust_anchors} (migration V3); read and replaced through
 * {@code GET/PUT /api/v1/admin/projects/<project>/policy} ({@code trust.http.PolicyAdminHandler}).
 *
 * <h2>Verification (once, at push)</h2>
 * When a signature manifest is pushed (a legacy {@code sha256-<hex>.sig} image of simple-signing layers,
 * a legacy {@code .att} image of DSSE layers, or a cosign v3 Sigstore bundle referrer), every signature
 * entry in it is verified offline against every anchor of the project's policy, for the subject it is
 * attached to: with a key, the signature over the payload (or over the DSSE PAE); with a CA, the entry's
 * certificate must chain to the CA (checked at the time the registry first stored the signature, which
 * stands in for a transparency-log timestamp; no revocation checks) and the signature must verify with
 * the certificate's key. Then the signed claims must name the subject (simple-signing
 * {@code docker-manifest-digest}, or an in-toto subject digest), as cosign checks them. Key-only
 * signatures have no transparency-log entry, and none is required. The outcome per (subject, signature,
 * anchor, entry) — {@link dev.signet.registry.server.trust.Outcome VERIFIED, INVALID or UNTRUSTED}, the
 * signer's key fingerprint ({@code PublicKeys.hint}), the reason, the signed annotations and the time —
 * goes to {@code trust_results}. A signature whose bytes were altered verifies with no key, so it never
 * counts. Attestations count like signatures, as in {@code cosign verify}.
 *
 * <h2>Decision (looked up at pull)</h2>
 * A manifest satisfies its policy when the distinct signer keys of VERIFIED results, of anchors the
 * policy names now, of signatures still attached to it, whose signed annotations hold the required
 * pairs, reach the threshold. Policy changes re-derive decisions: results do not depend on the rest of
 * the policy, results for dropped anchors are deleted, and results for new anchors are verified lazily
 * the next time a subject is pulled (then recorded). Deleting a signature manifest (by digest, by
 * cascade from its subject, by garbage collection) or detaching it (deleting its {@code .sig}/{@code .att}
 * tag) deletes its results through triggers, in the deleting transaction.
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
 * project policy and what is missing.
 */
package dev.signet.registry.server.trust;
