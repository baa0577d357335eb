/**
 * The Sigstore verification engine. {@link dev.signet.verify.SigstoreVerifier} verifies a Sigstore bundle
 * or a cosign legacy signature ({@link dev.signet.verify.LegacySignature}) against an
 * {@link dev.signet.verify.Artifact} and a {@link dev.signet.verify.VerificationPolicy} with the trust
 * material it was built with, offline, and returns a {@link dev.signet.verify.VerificationResult} or throws
 * a {@link dev.signet.verify.VerificationException} whose {@link dev.signet.verify.Check} names the failed
 * step. {@link dev.signet.verify.SigstoreVerifier#verifyAll} checks several candidates of one artifact.
 */
package dev.signet.verify;
