package dev.signet.registry.client.internal;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageIndex;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One page of {@code GET /v2/<name>/referrers/<digest>[?artifactType=…]}. Empty when the registry has
 * no referrers API: 404, 400, 405 or 406, or a 200 that is not an image index (the client then reads
 * the fallback tag). Auth failures and 5xx are raised, never taken as "no API".
 */
public final class ReferrersEndpoint implements Endpoint<Optional<ReferrersEndpoint.Page>> {
  private static final Set<Integer> NO_API = Set.of(400, 404, 405, 406);
  private static final long MAX_PAGE_BYTES = 16L << 20;

  /** One page of referrers; {@code filtered} when {@code OCI-Filters-Applied} names artifactType. */
  public record Page(List<Descriptor> descriptors, boolean filtered, Optional<URI> next) {}

  private final Repository repo;
  private final Digest subject;
  private final String artifactType;
  private final URI page;

  public ReferrersEndpoint(Repository repo, Digest subject, String artifactType, URI page) {
    this.repo = repo;
    this.subject = subject;
    this.artifactType = artifactType;
    this.page = page;
  }

  @Override
  public HttpCall request(URI base) {
    URI uri = page;
    if (uri == null) {
      uri = Paths.v2(base, repo, "referrers/" + subject);
      if (artifactType != null) {
        uri = Paths.withQueryParam(uri, "artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8));
      }
    }
    return HttpCall.of("GET", uri).header("Accept", MediaTypes.OCI_INDEX);
  }

  @Override
  public AuthScope scope() {
    return AuthScope.pull(repo);
  }

  @Override
  public String action() {
    return "GET referrers " + repo + "@" + subject;
  }

  @Override
  public Optional<Page> handle(Response r) throws RegistryException {
    if (NO_API.contains(r.status())) {
      return Optional.empty();
    }
    r.expect(200);
    if (!MediaTypes.OCI_INDEX.equals(r.contentType())) {
      return Optional.empty();
    }
    ImageIndex index;
    try {
      index = Manifests.parseIndex(r.bytes(MAX_PAGE_BYTES));
    } catch (ManifestFormatException e) {
      throw new RegistryTransportException(action(), "registry answered with a malformed image index: "
          + e.getMessage(), e);
    }
    boolean filtered = r.headers().allValues("OCI-Filters-Applied").stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .anyMatch(f -> f.trim().toLowerCase(Locale.ROOT).equals("artifacttype"));
    return Optional.of(new Page(index.manifests(), filtered,
        LinkHeader.next(r.headers().allValues("Link"), r.uri())));
  }
}
