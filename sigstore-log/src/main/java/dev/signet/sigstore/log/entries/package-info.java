/**
 * Rekor entry types: request parsing, signature verification and the canonical (RFC 8785) stored body
 * that becomes the Merkle leaf — hashedrekord 0.0.1 and dsse 0.0.1 (Rekor v1), hashedrekord 0.0.2 and
 * dsse 0.0.2 (Rekor v2).
 */
package dev.signet.sigstore.log.entries;
