package dev.signet.testing.oci;

import dev.signet.oci.Digest;
import java.nio.file.Path;
import java.util.List;

/**
 * A manifest or index written into an OCI image layout by {@link OciLayoutFixture}.
 *
 * @param layout the layout directory
 * @param tag the {@code org.opencontainers.image.ref.name} of its {@code index.json} entry
 * @param digest the manifest digest (what the registry will report as Docker-Content-Digest)
 * @param mediaType the manifest or index media type
 * @param bytes the exact manifest bytes
 * @param blobs config and layer digests (empty for an index)
 * @param children for an index, the per-platform images; otherwise empty
 */
public record LayoutImage(
    Path layout, String tag, Digest digest, String mediaType, byte[] bytes, List<Digest> blobs,
    List<LayoutImage> children) {

  public long size() {
    return bytes.length;
  }

  /** {@code oci:DIR:TAG}, the skopeo transport name of this image. */
  public String skopeoName() {
    return "oci:" + layout.toAbsolutePath() + ":" + tag;
  }
}
