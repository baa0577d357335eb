package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A manifest or index as stored: the exact bytes plus what the referrers and accessories indexes need,
 * so that no read ever re-parses stored manifests.
 *
 * @param digest digest of {@code content}
 * @param mediaType the media type it was pushed with (served back as {@code Content-Type})
 * @param content the exact bytes
 * @param subject the {@code subject} descriptor's digest, or null
 * @param artifactType the referrers-API artifact type: {@code artifactType}, else (manifests only) the
 *     config media type; may be null
 * @param annotations the top-level annotations (never null)
 * @param accessoryType what it is when attached to a subject ({@code dev.signet.cosign.AccessoryType} name)
 * @param created when it was first pushed
 */
public record ManifestRecord(
    Digest digest,
    String mediaType,
    byte[] content,
    Digest subject,
    String artifactType,
    Map<String, String> annotations,
    String accessoryType,
    Instant created) {

  public ManifestRecord {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(accessoryType, "accessoryType");
    Objects.requireNonNull(created, "created");
    annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
  }

  public long size() {
    return content.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestRecord m && digest.equals(m.digest) && mediaType.equals(m.mediaType)
        && Arrays.equals(content, m.content) && Objects.equals(subject, m.subject)
        && Objects.equals(artifactType, m.artifactType) && annotations.equals(m.annotations)
        && accessoryType.equals(m.accessoryType) && created.equals(m.created);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "ManifestRecord[" + digest + " " + mediaType + " " + content.length + " bytes]";
  }
}
