package dev.signet.sign;

import dev.signet.oci.Digest;
import java.util.List;

/** What {@code copy} did: the copied subject, each accessory copied, and blob statistics. */
public record CopyReport(Digest subject, List<Accessory> accessories, int blobsCopied, int blobsMounted,
    int blobsSkipped, long bytesCopied) {
  public CopyReport {
    accessories = List.copyOf(accessories);
  }
}
