/**
 * HTTP for the log: transport-free APIs answering {@link dev.signet.sigstore.log.http.Reply}s (Rekor v2
 * create, Rekor v1 subset, tlog-tiles reads) and one Jetty core handler that declines unowned paths.
 */
package dev.signet.sigstore.log.http;
