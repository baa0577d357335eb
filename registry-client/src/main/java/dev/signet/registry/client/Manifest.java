package dev.signet.registry.client;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import java.util.Arrays;
import java.util.Optional;

/**
 * A manifest or index as fetched: the exact bytes, their media type and verified digest.
 *
 * @param bytes the body exactly as served (digest-verified)
 * @param mediaType from {@code Content-Type}, or the document's {@code mediaType} when the header is
 *     missing or generic
 * @param digest the digest of {@code bytes}
 * @param etag the {@code ETag} the registry sent, for a later conditional PUT ({@link Precondition#ifMatch})
 */
public record Manifest(byte[] bytes, String mediaType, Digest digest, Optional<String> etag) {

  public Manifest {
    bytes = bytes.clone();
    etag = etag == null ? Optional.empty() : etag;
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public long size() {
    return bytes.length;
  }

  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m && Arrays.equals(bytes, m.bytes) && mediaType.equals(m.mediaType)
        && digest.equals(m.digest) && etag.equals(m.etag);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "Manifest[" + mediaType + " " + digest + " (" + bytes.length + " bytes)]";
  }
}
