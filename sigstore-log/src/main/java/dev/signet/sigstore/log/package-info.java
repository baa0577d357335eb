/**
 * A Rekor-compatible transparency log: a C2SP tlog-tiles engine ({@code engine}) over a small storage SPI
 * ({@code storage}), checkpoints as signed notes ({@code note}), Rekor entry types ({@code entries}) and
 * Jetty handlers for the Rekor v2 and v1 APIs and the static tiles ({@code http}).
 */
package dev.signet.sigstore.log;
