/**
 * Offline Sigstore material for tests: keyless signatures that real verifiers accept, and the parts
 * to build broken ones. Produces JDK certificates, bytes and JSON only (it does not depend on the
 * verification engine), so any module's tests can use it.
 *
 * <h2>Whole signatures</h2>
 * {@link dev.signet.testing.sigstore.FakeSigstore} is a deployment (Fulcio-like CA, CT log, Rekor v1
 * log, optional RFC 3161 TSA) at a fixed signing time:
 * <pre>{@code
 * FakeSigstore sigstore = FakeSigstore.create(Instant.parse("2026-03-01T12:00:00Z"));
 * KeylessSignature s = sigstore.signImageDsse(manifestDigest, Map.of(), "alice@example.com",
 *     FakeSigstore.DEFAULT_ISSUER);          // cosign v3: bundle referrer
 * KeylessSignature legacy = sigstore.signImage("registry.test/app", manifestDigest, Map.of(),
 *     "https://github.com/org/repo/.github/workflows/release.yml@refs/heads/main",
 *     "https://token.actions.githubusercontent.com");   // cosign .sig layer
 * byte[] bundle = s.bundleJson();            // application/vnd.dev.sigstore.bundle.v0.3+json
 * Map<String, String> layer = legacy.legacyAnnotations(); // with legacy.payload() as the layer blob
 * byte[] trust = sigstore.trustedRootJson(); // trusted_root.json for the verifier
 * }</pre>
 * {@link dev.signet.testing.sigstore.FakeSigstore#signBlob} and
 * {@link dev.signet.testing.sigstore.FakeSigstore#signDsse} sign arbitrary bytes. The results are
 * {@link dev.signet.testing.sigstore.KeylessSignature}s; Signet's engine and @sigstore/verify both
 * accept them against {@code trustedRootJson()} with the identity the leaf was issued for.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link dev.signet.testing.sigstore.TestPki}: certificates with exactly the extensions a test
 *       asks for ({@code TestPki.cert()...build()}, {@code root}, {@code intermediate},
 *       {@code fulcioLeaf}, {@code tsaLeaf}), embedded SCTs from {@code TestPki.CtLog}, RFC 3161
 *       responses ({@code timestamp}, {@code rejectedTimestamp}).</li>
 *   <li>{@link dev.signet.testing.sigstore.TestLog}: an in-memory Rekor v1 (ECDSA, SETs) or Rekor v2 /
 *       C2SP (Ed25519) log: bundle {@code tlogEntries[]} elements with inclusion proofs and signed
 *       checkpoints, cosign's legacy Rekor bundle annotation.</li>
 *   <li>{@link dev.signet.testing.sigstore.ReferenceMerkle}: RFC 6962 trees, inclusion and consistency
 *       proofs from the recursive definitions.</li>
 *   <li>{@link dev.signet.testing.sigstore.RekorBodies}: canonical hashedrekord and dsse entry bodies.</li>
 *   <li>{@link dev.signet.testing.sigstore.TrustedRootJson}: a {@code trusted_root.json} from any of
 *       the above.</li>
 * </ul>
 */
package dev.signet.testing.sigstore;
