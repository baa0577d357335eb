package dev.signet.registry.server.service;

import dev.signet.registry.server.storage.BlobInfo;
import dev.signet.registry.server.storage.ManifestKey;
import java.util.List;

/**
 * What a garbage collection removed, or would remove in a dry run.
 *
 * @param manifests unreachable manifests
 * @param blobs unreferenced blobs
 * @param uploads expired upload sessions
 */
public record GcReport(boolean dryRun, List<ManifestKey> manifests, List<BlobInfo> blobs, List<String> uploads) {
  public GcReport {
    manifests = List.copyOf(manifests);
    blobs = List.copyOf(blobs);
    uploads = List.copyOf(uploads);
  }

  public long blobBytes() {
    return blobs.stream().mapToLong(BlobInfo::size).sum();
  }

  /** One line: {@code removed 3 manifests, 5 blobs (1234 bytes), 1 upload}. */
  public String summary() {
    return (dryRun ? "would remove " : "removed ") + manifests.size() + " manifests, " + blobs.size() + " blobs ("
        + blobBytes() + " bytes), " + uploads.size() + " uploads";
  }
}
