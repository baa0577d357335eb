package dev.signet.registry.client;

import dev.signet.oci.Digest;

/**
 * What a manifest HEAD tells: the digest (from {@code Docker-Content-Digest}), media type and size.
 *
 * @param size the {@code Content-Length}, or -1 if the registry sent none
 */
public record ManifestHead(Digest digest, String mediaType, long size) {}
