/**
 * Signet's self-hosted Sigstore services that need neither the CA nor the log: the RFC 3161 timestamp
 * authority ({@link dev.signet.sigstore.server.tsa}), the trust documents a client needs
 * ({@link dev.signet.sigstore.server.trust}: {@code trusted_root.json}, {@code signing_config.json}) and
 * their HTTP handlers ({@link dev.signet.sigstore.server.http}).
 */
package dev.signet.sigstore.server;
