/**
 * A Fulcio-compatible keyless certificate authority: OIDC ID tokens ({@link dev.signet.sigstore.ca.oidc})
 * become 10-minute code-signing certificates with Fulcio's profile ({@link CertificateAuthority}), each
 * precertificate logged in the CA's own RFC 6962 CT log ({@link dev.signet.sigstore.ca.ct}) and the SCT
 * embedded; Jetty handlers for Fulcio's and the CT log's HTTP APIs are in {@link dev.signet.sigstore.ca.http}.
 *
 * <p>Every checked failure is a {@link CaException}; its {@link CaException.Kind} says whether the
 * client (401, 400) or the service is at fault.
 */
package dev.signet.sigstore.ca;
