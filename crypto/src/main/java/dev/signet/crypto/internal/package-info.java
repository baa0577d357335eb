/**
 * Implementation details of the crypto module (signers, verifiers, PEM, NaCl secretbox). Not API:
 * other modules must not use these classes; they may change without notice.
 */
package dev.signet.crypto.internal;
