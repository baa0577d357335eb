/**
 * The trust documents of a self-hosted Sigstore: {@link dev.signet.sigstore.server.trust.SigningConfig}
 * (SigningConfig v0.2: which CA, log and TSA URLs clients sign with) and
 * {@link dev.signet.sigstore.server.trust.TrustedRootBuilder} (the {@code trusted_root.json} verifiers
 * trust, built from certificates and keys). Pure: values in, bytes out.
 */
package dev.signet.sigstore.server.trust;
