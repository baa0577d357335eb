/**
 * Transparency logs, offline: RFC 6962 Merkle proofs ({@link dev.signet.verify.tlog.Merkle}), C2SP signed
 * notes and checkpoints with witness cosignatures ({@link dev.signet.verify.tlog.SignedNote},
 * {@link dev.signet.verify.tlog.CheckpointVerifier}), Rekor v1 SETs and Rekor v1/v2 entries
 * ({@link dev.signet.verify.tlog.TlogVerifier}) and the consistency of an entry's body with what was
 * signed ({@link dev.signet.verify.tlog.EntryBodies}). Pure: bytes and trust material in, a
 * {@link dev.signet.verify.VerificationException} naming the failed check out.
 */
package dev.signet.verify.tlog;
