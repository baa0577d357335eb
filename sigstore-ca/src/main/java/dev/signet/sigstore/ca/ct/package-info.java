/**
 * The CA's own RFC 6962 certificate-transparency log: {@link dev.signet.sigstore.ca.ct.CtLog} appends
 * (pre)certificate entries to a file, returns SCT v1 signed with an ECDSA P-256 key
 * ({@link dev.signet.sigstore.ca.ct.Sct}, {@link dev.signet.sigstore.ca.ct.SctList}) and signs tree heads
 * ({@link dev.signet.sigstore.ca.ct.SignedTreeHead}); {@link dev.signet.sigstore.ca.ct.CtEntries} is
 * the pure leaf encoding.
 */
package dev.signet.sigstore.ca.ct;
