/**
 * Jetty 12 core handlers: {@link dev.signet.sigstore.ca.http.FulcioHandler} (Fulcio v2 REST:
 * {@code signingCert}, {@code trustBundle}, {@code configuration}) and
 * {@link dev.signet.sigstore.ca.http.CtLogHandler} (RFC 6962 {@code add-pre-chain}, {@code add-chain},
 * {@code get-sth}). Both return {@code false} for paths they do not own, so they chain in a
 * {@code Handler.Sequence}. Failures are Fulcio's error JSON {@code {"code":N,"message":"…"}} with a
 * 4xx status for client mistakes.
 */
package dev.signet.sigstore.ca.http;
