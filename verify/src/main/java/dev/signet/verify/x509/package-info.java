/**
 * The certificate side of keyless verification: path validation of Fulcio (or bring-your-own CA)
 * leaves at a trusted time ({@link dev.signet.verify.x509.CertificateChainVerifier}), embedded SCTs
 * ({@link dev.signet.verify.x509.SctVerifier}), the identity a Fulcio certificate asserts
 * ({@link dev.signet.verify.x509.FulcioIdentity}) and cosign's identity policy
 * ({@link dev.signet.verify.x509.IdentityPolicy}). Parse bundle certificates with
 * {@link dev.signet.verify.x509.Certificates#fromDer}: the JDK's parser rejects scheme-less URI SANs.
 * Pure: no I/O, no clock; times and trust material are passed in.
 */
package dev.signet.verify.x509;
