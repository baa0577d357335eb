package dev.signet.registry.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.auth.AuthScope;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One page of {@code GET /v2/<name>/tags/list}: the tags and the {@code Link rel="next"} target. */
public final class TagListEndpoint implements Endpoint<TagListEndpoint.Page> {
  private static final long MAX_PAGE_BYTES = 16L << 20;

  /** One page of tags. */
  public record Page(List<String> tags, Optional<URI> next) {}

  private final Repository repo;
  private final URI page;

  /** @param page a {@code Link} target from the previous page, or null for the first page */
  public TagListEndpoint(Repository repo, URI page) {
    this.repo = repo;
    this.page = page;
  }

  @Override
  public HttpCall request(URI base) {
    URI uri = page != null ? page : Paths.v2(base, repo, "tags/list");
    return HttpCall.of("GET", uri).header("Accept", "application/json");
  }

  @Override
  public AuthScope scope() {
    return AuthScope.pull(repo);
  }

  @Override
  public String action() {
    return "GET tags " + repo;
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.NAME_UNKNOWN;
  }

  @Override
  public Page handle(Response r) throws RegistryException {
    r.expect(200);
    byte[] body = r.bytes(MAX_PAGE_BYTES);
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new RegistryTransportException(action(), "registry answered HTTP 200 with "
          + (r.contentType().isEmpty() ? "an untyped body" : r.contentType()) + " instead of a JSON tag list", 200,
          List.of(), null);
    }
    List<String> tags = new ArrayList<>();
    for (JsonNode t : json.path("tags")) {
      if (t.isTextual()) {
        tags.add(t.asText());
      }
    }
    return new Page(tags, LinkHeader.next(r.headers().allValues("Link"), r.uri()));
  }
}
