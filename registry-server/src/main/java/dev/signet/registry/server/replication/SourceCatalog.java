package dev.signet.registry.server.replication;

import dev.signet.oci.Digest;
import dev.signet.registry.server.service.Registry;
import java.util.List;
import java.util.Optional;

/**
 * What replication needs to know about the local registry's contents to plan jobs (copying itself goes
 * over HTTP). Absent repositories and manifests read as empty.
 */
public interface SourceCatalog {

  /** Every repository name. */
  List<String> repositories();

  /** Every tag of {@code repository}. */
  List<String> tags(String repository);

  /** The digest {@code tag} points at. */
  Optional<Digest> resolve(String repository, String tag);

  /** True when {@code repository} holds the manifest {@code digest}. */
  boolean contains(String repository, Digest digest);

  /** Reads the registry in-process. */
  static SourceCatalog of(Registry registry) {
    return new RegistrySourceCatalog(registry);
  }
}
