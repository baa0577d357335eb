/**
 * Engine internals: {@link dev.signet.verify.internal.CertificateChecks}, the seam to the x509 package's
 * chain, SCT and RFC 3161 verifiers (with minimal built-in implementations until it is merged),
 * BouncyCastle certificate parsing and a basic SAN/issuer identity check. Not an API.
 */
package dev.signet.verify.internal;
