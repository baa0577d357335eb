package dev.signet.registry.server.replication;

import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialProvider;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registry clients for jobs, one per rule (reused, with its cached tokens, until the rule changes),
 * speaking to this registry (at its own URL, with the local credentials) and to the rule's destination
 * (with the rule's credentials). This registry is trusted over plain HTTP or with its own certificate
 * whatever its listen address, since it is ourselves.
 */
final class ClientFactory {
  private static final int MAX_CLIENTS = 64;
  private final URI localUrl;
  private final String localRegistry;
  private final CredentialProvider localCredentials;
  private final RetryPolicy retry;
  private final Map<ReplicationRule, RegistryClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ReplicationRule, RegistryClient> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  ClientFactory(URI localUrl, CredentialProvider localCredentials, RetryPolicy retry) {
    this.localUrl = localUrl;
    this.localRegistry = reachable(localUrl);
    this.localCredentials = localCredentials;
    this.retry = retry;
  }

  /** {@code host:port} of this registry, as jobs name it. */
  String localRegistry() {
    return localRegistry;
  }

  Repository local(String path) {
    return new Repository(localRegistry, path);
  }

  Repository destination(ReplicationRule rule, String sourcePath) {
    return new Repository(rule.destinationRegistry(), rule.destinationRepository(sourcePath));
  }

  /** The client for {@code rule} as it is now (a changed rule gets a new one). */
  synchronized RegistryClient forRule(ReplicationRule rule) {
    return clients.computeIfAbsent(rule, this::newClient);
  }

  private RegistryClient newClient(ReplicationRule rule) {
    String destination = rule.destinationRegistry();
    CredentialProvider credentials = registry -> {
      if (registry.equals(destination) && rule.credential().isPresent()) {
        return Optional.of(rule.credential().get().toCredential(rule.name()));
      }
      return registry.equals(localRegistry) ? localCredentials.credentialFor(registry) : Optional.<Credential>empty();
    };
    HttpRegistryClient.Builder b = HttpRegistryClient.builder().credentials(credentials)
        .userAgent("signet-replication/0.1").retryPolicy(retry).connectTimeout(Duration.ofSeconds(10));
    if ("http".equals(localUrl.getScheme())) {
      b.allowHttp(localRegistry);
    } else {
      b.allowInsecure(localRegistry);
    }
    if (rule.plainHttp()) {
      b.allowHttp(destination);
    }
    return b.build();
  }

  /** The URL's {@code host:port}, with a wildcard listen address replaced by loopback. */
  private static String reachable(URI url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    } else if (host.equals("[::]") || host.equals("::")) {
      host = "[::1]";
    }
    int port = url.getPort() >= 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
    return host + ":" + port;
  }
}
