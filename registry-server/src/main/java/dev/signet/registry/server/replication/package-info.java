/**
 * Replication: copies images with every accessory (signatures, attestations, SBOMs, referrers) from this
 * registry to other registries, by rule. A rule selects repositories and tags by glob and names a
 * destination; its trigger is manual, a cron schedule, or push events. Events are ordering-agnostic: an
 * accessory pushed after its subject was replicated is replicated on its own event, one pushed before is
 * brought along by the subject's. Jobs are persisted in the registry's database, retried with exponential
 * backoff, resumed after a restart, and idempotent (replicating what is already there writes nothing).
 *
 * <p>Entry point: {@link dev.signet.registry.server.replication.ReplicationService}; HTTP adapters in
 * {@code replication.http}.
 */
package dev.signet.registry.server.replication;
