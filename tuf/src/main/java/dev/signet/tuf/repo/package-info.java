/**
 * A TUF 1.0 repository writer for a self-hosted Sigstore: keys in a data directory
 * ({@link dev.signet.tuf.repo.RepositoryKeys}), signed metadata built from plain inputs
 * ({@link dev.signet.tuf.repo.MetadataBuilder}) and the published, consistent-snapshot repository
 * ({@link dev.signet.tuf.repo.TufRepository}: targets, expiry refresh, root key rotation).
 */
package dev.signet.tuf.repo;
