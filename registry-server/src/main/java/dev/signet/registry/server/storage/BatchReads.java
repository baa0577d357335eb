package dev.signet.registry.server.storage;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many look-ups of one kind in one call (the Signet batch read of signatures). The defaults loop over the
 * single look-ups; a store that can answer them with one query per call overrides them. Each answer leaves
 * out what does not exist.
 */
public interface BatchReads extends ManifestCatalog, AccessoryIndex, BlobLinks {

  /** The manifests stored under {@code digests} in {@code repository}. */
  default Map<Digest, ManifestRecord> manifests(String repository, Collection<Digest> digests) {
    Map<Digest, ManifestRecord> out = new LinkedHashMap<>();
    for (Digest d : digests) {
      manifest(repository, d).ifPresent(m -> out.put(d, m));
    }
    return out;
  }

  /** The manifests {@code tags} point at in {@code repository}. */
  default Map<String, ManifestRecord> manifestsByTag(String repository, Collection<String> tags) {
    Map<String, ManifestRecord> out = new LinkedHashMap<>();
    for (String t : tags) {
      manifestByTag(repository, t).ifPresent(m -> out.put(t, m));
    }
    return out;
  }

  /** {@link #referrers(String, Digest, String)} without a filter for each subject (subjects without any: absent). */
  default Map<Digest, List<Descriptor>> referrers(String repository, Collection<Digest> subjects) {
    Map<Digest, List<Descriptor>> out = new LinkedHashMap<>();
    for (Digest s : subjects) {
      List<Descriptor> found = referrers(repository, s, null);
      if (!found.isEmpty()) {
        out.put(s, found);
      }
    }
    return out;
  }

  /** Those of {@code digests} that are linked into {@code repository}. */
  default Set<Digest> linkedBlobs(String repository, Collection<Digest> digests) {
    Set<Digest> out = new LinkedHashSet<>();
    for (Digest d : digests) {
      linkedBlob(repository, d).ifPresent(size -> out.add(d));
    }
    return out;
  }
}
