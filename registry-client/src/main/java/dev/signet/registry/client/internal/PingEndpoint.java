package dev.signet.registry.client.internal;

import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;

/**
 * {@code GET /v2/}, the version check every client starts with: with credentials it tells whether the
 * registry accepts them (after answering its challenge, bearer or basic), as {@code docker login} checks.
 */
public final class PingEndpoint implements Endpoint<Void> {
  private final String registry;

  public PingEndpoint(String registry) {
    this.registry = registry;
  }

  @Override
  public HttpCall request(URI base) {
    return HttpCall.of("GET", base.resolve("/v2/"));
  }

  @Override
  public AuthScope scope() {
    return AuthScope.none();
  }

  @Override
  public String action() {
    return "GET /v2/ on " + registry;
  }

  @Override
  public boolean retryable() {
    return false;
  }

  @Override
  public Void handle(Response response) throws RegistryException {
    response.expect(200);
    return null;
  }
}
