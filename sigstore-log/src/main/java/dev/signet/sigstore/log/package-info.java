/** Placeholder until the first class lands. */
package dev.signet.sigstore.log;
