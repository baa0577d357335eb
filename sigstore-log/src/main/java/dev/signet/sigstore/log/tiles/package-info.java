/** C2SP tlog-tiles: paths, hash tiles, entry bundles and RFC 6962 hashing (pure formats, no I/O). */
package dev.signet.sigstore.log.tiles;
