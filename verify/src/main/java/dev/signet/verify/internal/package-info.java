/**
 * Helpers shared by the engine's packages ({@link dev.signet.verify.internal.Digests}). Not an API:
 * other modules must not use it.
 */
package dev.signet.verify.internal;
