package dev.signet.registry.server.service;

import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.MetadataStore;
import dev.signet.registry.server.storage.Reference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks that every blob's content matches its digest, that every manifest's bytes match its digest and
 * that everything a manifest references exists in its repository, and runs the database's own
 * integrity check.
 */
public final class Fsck {
  private final MetadataStore meta;
  private final BlobStore blobs;

  Fsck(MetadataStore meta, BlobStore blobs) {
    this.meta = meta;
    this.blobs = blobs;
  }

  public FsckReport run() {
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    meta.integrityCheck().forEach(p -> problems.add("database: " + p));
    AtomicLong manifests = new AtomicLong();
    meta.forEachManifest((repo, m, refs) -> {
      manifests.incrementAndGet();
      String where = "manifest " + repo + "@" + m.digest();
      if (!m.digest().matches(m.content())) {
        problems.add(where + ": stored bytes do not match the digest");
      }
      for (Reference r : refs) {
        if (r.kind() == Reference.Kind.MANIFEST && meta.manifest(repo, r.digest()).isEmpty()) {
          problems.add(where + ": child manifest " + r.digest() + " is missing");
        } else if (r.kind() == Reference.Kind.BLOB && meta.linkedBlob(repo, r.digest()).isEmpty()) {
          problems.add(where + ": blob " + r.digest() + " is not in the repository");
        } else if (r.kind() == Reference.Kind.BLOB && blobs.stat(r.digest()).isEmpty()) {
          problems.add(where + ": blob " + r.digest() + " is missing from storage");
        }
      }
    });
    AtomicLong blobCount = new AtomicLong();
    blobs.list(b -> {
      blobCount.incrementAndGet();
      if (!blobs.verify(b.digest())) {
        problems.add("blob " + b.digest() + ": content does not match the digest");
      }
    });
    return new FsckReport(manifests.get(), blobCount.get(), problems);
  }
}
