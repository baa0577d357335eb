package dev.signet.registry.client.auth;

import java.util.Map;
import java.util.Optional;

/** Finds the credential for a registry host ({@code index.docker.io}, {@code 127.0.0.1:5000}). */
@FunctionalInterface
public interface CredentialProvider {

  /** The credential for {@code registry}, or empty to go anonymous. */
  Optional<Credential> credentialFor(String registry) throws CredentialException;

  /** No credentials anywhere. */
  static CredentialProvider anonymous() {
    return registry -> Optional.empty();
  }

  /** Fixed credentials per registry host. */
  static CredentialProvider of(Map<String, Credential> byRegistry) {
    Map<String, Credential> copy = Map.copyOf(byRegistry);
    return registry -> Optional.ofNullable(copy.get(registry));
  }

  /** This provider, then {@code next} when this one has nothing. */
  default CredentialProvider orElse(CredentialProvider next) {
    return registry -> {
      Optional<Credential> found = credentialFor(registry);
      return found.isPresent() ? found : next.credentialFor(registry);
    };
  }
}
