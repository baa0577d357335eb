/**
 * A TUF 1.0 client ("detailed client workflow", §5 of the specification) for the Sigstore trust
 * root: a trusted root bootstrap, root rotation with the thresholds of both the old and the new root,
 * timestamp, snapshot and top-level targets with their version, length and hash consistency, rollback
 * and freeze protection against an injected {@link java.time.Clock}, consistent snapshots, and
 * verified target downloads.
 *
 * <p>Pure verification lives in {@link dev.signet.tuf.TrustedMetadataSet} (no I/O); {@link
 * dev.signet.tuf.TufClient} drives it with a {@link dev.signet.tuf.RepositoryFetcher} and a {@link
 * dev.signet.tuf.MetadataCache}. {@link dev.signet.tuf.TrustedRootProvider} is the entry point for
 * the verify commands.
 *
 * <p>Not implemented: delegated targets roles (§5.6.7). The Sigstore repository lists {@code
 * trusted_root.json} and {@code signing_config*.json} in the top-level targets role; a target that is
 * only reachable through a delegation is reported as not found.
 */
package dev.signet.tuf;
