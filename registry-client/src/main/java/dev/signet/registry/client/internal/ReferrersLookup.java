package dev.signet.registry.client.internal;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageIndex;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.ReferrersResult;
import dev.signet.registry.client.ReferrersTagSchema;
import dev.signet.registry.client.RegistryException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lists referrers: the referrers API with its pages, or else the {@code sha256-<hex>} fallback tag
 * index; filters by artifact type client-side whenever the registry did not.
 *
 * <p>Whether a repository has the API is learnt from its first answer (a listing or the probe) and
 * remembered, so a registry without it is not asked again for every subject: later listings go straight
 * to the fallback tag. A registry that has it is always asked; if it ever answers "no API" the listing
 * falls back as before and the memory is corrected.
 */
public final class ReferrersLookup {
  private static final int MAX_PAGES = 1000;

  private final EndpointCaller caller;
  private final long maxManifestBytes;
  /** {@code registry/path} → whether {@code GET …/referrers/…} answered with an index. */
  private final Map<String, Boolean> apiByRepository = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public ReferrersLookup(EndpointCaller caller, long maxManifestBytes) {
    this.caller = caller;
    this.maxManifestBytes = maxManifestBytes;
  }

  public ReferrersResult list(Repository repo, Digest subject, Optional<String> artifactType)
      throws RegistryException {
    Boolean known = apiByRepository.get(key(repo));
    Optional<ReferrersEndpoint.Page> first;
    if (known == null) {
      // the first listings of a repository wait for one answer instead of each asking
      synchronized (locks.computeIfAbsent(key(repo), k -> new Object())) {
        known = apiByRepository.get(key(repo));
        first = known == null || known ? firstPage(repo, subject, artifactType) : Optional.empty();
      }
    } else {
      first = known ? firstPage(repo, subject, artifactType) : Optional.empty();
    }
    if (first.isEmpty()) {
      return fromFallbackTag(repo, subject, artifactType);
    }
    List<Descriptor> all = new ArrayList<>(first.get().descriptors());
    boolean filtered = first.get().filtered();
    Set<URI> seen = new HashSet<>();
    Optional<URI> next = first.get().next();
    for (int pages = 1; next.isPresent() && seen.add(next.get()) && pages < MAX_PAGES; pages++) {
      ReferrersEndpoint.Page page = caller.call(repo, new ReferrersEndpoint(repo, subject, null, next.get()))
          .orElseThrow(() -> new RegistryException("GET referrers " + repo + "@" + subject,
              "a later page of the referrers list is missing"));
      all.addAll(page.descriptors());
      filtered &= page.filtered();
      next = page.next();
    }
    boolean serverFiltered = artifactType.isPresent() && filtered;
    return new ReferrersResult(serverFiltered ? all : filter(all, artifactType), ReferrersResult.Source.REFERRERS_API,
        serverFiltered);
  }

  private Optional<ReferrersEndpoint.Page> firstPage(Repository repo, Digest subject, Optional<String> artifactType)
      throws RegistryException {
    Optional<ReferrersEndpoint.Page> first =
        caller.call(repo, new ReferrersEndpoint(repo, subject, artifactType.orElse(null), null));
    apiByRepository.put(key(repo), first.isPresent());
    return first;
  }

  /** Whether {@code repo} has the referrers API: remembered, else asked about {@code probe}. */
  public boolean supported(Repository repo, Digest probe) throws RegistryException {
    Boolean known = apiByRepository.get(key(repo));
    if (known != null) {
      return known;
    }
    synchronized (locks.computeIfAbsent(key(repo), k -> new Object())) {
      known = apiByRepository.get(key(repo));
      if (known != null) {
        return known;
      }
      boolean api = caller.call(repo, new ReferrersEndpoint(repo, probe, null, null)).isPresent();
      apiByRepository.put(key(repo), api);
      return api;
    }
  }

  private static String key(Repository repo) {
    return repo.registry() + "/" + repo.path();
  }

  private ReferrersResult fromFallbackTag(Repository repo, Digest subject, Optional<String> artifactType)
      throws RegistryException {
    ImageReference tag;
    try {
      tag = ImageReference.of(repo, ReferrersTagSchema.tagFor(subject));
    } catch (InvalidReferenceException e) {
      throw new IllegalStateException(e);
    }
    Manifest manifest;
    try {
      manifest = caller.call(repo, new ManifestGetEndpoint(tag, maxManifestBytes));
    } catch (NotFoundException e) {
      return new ReferrersResult(List.of(), ReferrersResult.Source.FALLBACK_TAG, false);
    }
    ImageIndex index;
    try {
      if (!manifest.isIndex()) {
        throw new ManifestFormatException("it holds a " + manifest.mediaType() + ", not an image index");
      }
      index = Manifests.parseIndex(manifest.bytes());
    } catch (ManifestFormatException e) {
      throw new RegistryException("GET referrers " + tag, "the fallback tag is unusable: " + e.getMessage());
    }
    return new ReferrersResult(filter(index.manifests(), artifactType), ReferrersResult.Source.FALLBACK_TAG, false);
  }

  private static List<Descriptor> filter(List<Descriptor> all, Optional<String> artifactType) {
    if (artifactType.isEmpty()) {
      return all;
    }
    return all.stream().filter(d -> artifactType.get().equals(d.artifactType())).toList();
  }
}
