/**
 * The log engine: a sequencer/integrator that batches appends, writes tiles and entry bundles through the
 * storage SPI, publishes signed checkpoints by compare-and-set, recovers after a crash, and builds
 * inclusion and consistency proofs from tiles.
 */
package dev.signet.sigstore.log.engine;
