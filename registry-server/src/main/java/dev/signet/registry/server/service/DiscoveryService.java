package dev.signet.registry.server.service;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageIndex;
import dev.signet.oci.Manifests;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.storage.AccessoryRecord;
import dev.signet.registry.server.storage.MetadataStore;
import dev.signet.registry.server.storage.Page;
import java.util.List;

/** Tag lists, the catalog, the referrers API and the accessories API. */
public final class DiscoveryService {
  /** The largest page served; also the page size when the client asks for none (then {@code Link} follows). */
  public static final int MAX_PAGE = 10_000;
  public static final int DEFAULT_PAGE = MAX_PAGE;

  private final MetadataStore meta;
  private final ReferrersCache cache;

  DiscoveryService(MetadataStore meta) {
    this.meta = meta;
    this.cache = new ReferrersCache(meta::version, 4096, 64L << 20);
  }

  public Page<String> tags(String repo, String last, int n) throws RegistryException {
    if (!meta.repositoryExists(repo)) {
      throw RegistryException.of(ErrorCode.NAME_UNKNOWN, "repository name not known to registry", repo);
    }
    return meta.tags(repo, last, Math.min(n, MAX_PAGE));
  }

  public Page<String> catalog(String last, int n) {
    return meta.repositories(last, Math.min(n, MAX_PAGE));
  }

  /** The referrers of {@code subject} as an OCI image index (empty when there are none). */
  public byte[] referrers(String repo, Digest subject, String artifactType) {
    return cache.get(repo, subject, artifactType, () -> {
      List<Descriptor> found = meta.referrers(repo, subject, artifactType);
      return Manifests.toJson(ImageIndex.of(found));
    });
  }

  public List<AccessoryRecord> accessories(String repo, Digest subject) {
    return meta.accessories(repo, subject);
  }
}
