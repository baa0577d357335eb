package dev.signet.registry.server.replication;

import dev.signet.oci.Digest;
import dev.signet.registry.server.service.DiscoveryService;
import dev.signet.registry.server.service.Registry;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.storage.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link SourceCatalog} over the registry's services, in-process. */
final class RegistrySourceCatalog implements SourceCatalog {
  private final Registry registry;

  RegistrySourceCatalog(Registry registry) {
    this.registry = registry;
  }

  @Override
  public List<String> repositories() {
    List<String> out = new ArrayList<>();
    String last = null;
    for (Page<String> page; ; ) {
      page = registry.discovery().catalog(last, DiscoveryService.MAX_PAGE);
      out.addAll(page.items());
      if (!page.more() || page.items().isEmpty()) {
        return out;
      }
      last = page.items().get(page.items().size() - 1);
    }
  }

  @Override
  public List<String> tags(String repository) {
    List<String> out = new ArrayList<>();
    String last = null;
    try {
      for (Page<String> page; ; ) {
        page = registry.discovery().tags(repository, last, DiscoveryService.MAX_PAGE);
        out.addAll(page.items());
        if (!page.more() || page.items().isEmpty()) {
          return out;
        }
        last = page.items().get(page.items().size() - 1);
      }
    } catch (RegistryException e) {
      return out; // the repository is gone
    }
  }

  @Override
  public Optional<Digest> resolve(String repository, String tag) {
    try {
      return Optional.of(registry.manifests().get(repository, tag).digest());
    } catch (RegistryException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean contains(String repository, Digest digest) {
    return resolve(repository, digest.toString()).isPresent();
  }
}
