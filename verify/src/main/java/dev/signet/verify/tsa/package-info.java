/**
 * RFC 3161 timestamps over Sigstore signatures: parsing ({@link dev.signet.verify.tsa.Rfc3161Timestamp})
 * and verification against the trusted root's timestamp authorities
 * ({@link dev.signet.verify.tsa.TimestampVerifier}).
 */
package dev.signet.verify.tsa;
