/**
 * Jetty 12 core handlers for the Sigstore services: {@link dev.signet.sigstore.server.http.TsaHandler}
 * (RFC 3161 timestamps) and {@link dev.signet.sigstore.server.http.TrustHandler} (trusted root, signing
 * config, TUF repository). Each answers only its own paths and returns {@code false} for the rest, so
 * they chain in one {@code Handler.Sequence} with the registry's and the other services' handlers.
 */
package dev.signet.sigstore.server.http;
