/**
 * The Signet registry: an OCI distribution-spec 1.1 registry that keeps signatures attached to what
 * they sign. {@link dev.signet.registry.server.RegistryServer} wires the layers:
 *
 * <ul>
 *   <li>{@code http}: Jetty handlers that parse requests into typed values, call one service method and
 *       render results; every failure goes through one {@code ErrorResponses} mapper.
 *   <li>{@code service}: validation, accessory linking (subject field, legacy cosign tags
 *       {@code sha256-<hex>.sig|.att|.sbom}, referrers fallback tag {@code sha256-<hex>}), cascade
 *       delete, online garbage collection and fsck.
 *   <li>{@code storage}: the SPIs ({@code BlobStore}, {@code MetadataStore}) with contract test suites;
 *       {@code storage.fs} keeps blobs content-addressed on disk, {@code storage.sql} keeps metadata in
 *       SQLite (WAL, one writer) migrated by Flyway.
 * </ul>
 *
 * A data directory holds {@code metadata.db} plus {@code blobs/}, {@code uploads/} and {@code tmp/}.
 */
package dev.signet.registry.server;
