/**
 * The log's storage SPI ({@link dev.signet.sigstore.log.storage.LogStorage}): immutable objects, one
 * compare-and-set state object, a durability barrier. Filesystem and in-memory implementations.
 */
package dev.signet.sigstore.log.storage;
