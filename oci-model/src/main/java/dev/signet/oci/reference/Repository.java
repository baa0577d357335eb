package dev.signet.oci.reference;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A registry plus repository path, normalised exactly like go-containerregistry's {@code name} package:
 * {@code docker.io} becomes {@code index.docker.io}, single-component Docker Hub repositories get
 * {@code library/}, and the first path component is a registry only if it contains '.' or ':'. The
 * normalised {@link #name()} appears inside signed payload bytes, so it must match cosign byte for byte.
 */
public record Repository(String registry, String path) {

  public static final String DEFAULT_REGISTRY = "index.docker.io";
  private static final String REPOSITORY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-./";

  public Repository {
    if (registry == null || registry.isEmpty() || path == null || path.isEmpty()) {
      throw new IllegalArgumentException("registry and path are required");
    }
  }

  /** Parses {@code [registry/]path}. */
  public static Repository parse(String name) throws InvalidReferenceException {
    if (name == null || name.isEmpty()) {
      throw new InvalidReferenceException("a repository name must be specified");
    }
    String registry = "";
    String repo = name;
    int slash = name.indexOf('/');
    if (slash > 0) {
      String first = name.substring(0, slash);
      if (first.indexOf('.') >= 0 || first.indexOf(':') >= 0) {
        registry = first;
        repo = name.substring(slash + 1);
      }
    }
    checkRepository(repo, name);
    String reg = normaliseRegistry(registry);
    if (DEFAULT_REGISTRY.equals(reg) && repo.indexOf('/') < 0) {
      repo = "library/" + repo;
    }
    return new Repository(reg, repo);
  }

  /** {@code registry/path}, the string cosign writes as {@code docker-reference}. */
  public String name() {
    return registry + "/" + path;
  }

  /**
   * True for registries go-containerregistry talks to over plain HTTP by default: {@code localhost},
   * {@code localhost:PORT}, 127.0.0.0/8 and [::1].
   */
  public boolean isLoopbackRegistry() {
    String host = registry;
    if (host.startsWith("[")) {
      return host.startsWith("[::1]");
    }
    int colon = host.lastIndexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    return host.equals("localhost") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  @Override
  public String toString() {
    return name();
  }

  static String normaliseRegistry(String registry) throws InvalidReferenceException {
    if (registry.isEmpty() || registry.equals("docker.io")) {
      return DEFAULT_REGISTRY;
    }
    try {
      URI uri = new URI("//" + registry);
      if (uri.getRawAuthority() == null || !registry.equals(uri.getRawAuthority()) || uri.getHost() == null) {
        throw new InvalidReferenceException("registries must be valid RFC 3986 URI authorities: " + registry);
      }
    } catch (URISyntaxException e) {
      throw new InvalidReferenceException("registries must be valid RFC 3986 URI authorities: " + registry);
    }
    return registry;
  }

  private static void checkRepository(String repo, String whole) throws InvalidReferenceException {
    if (repo.isEmpty() || repo.length() > 255) {
      throw new InvalidReferenceException("repository must be between 1 and 255 characters in length: " + whole);
    }
    for (int i = 0; i < repo.length(); i++) {
      if (REPOSITORY_CHARS.indexOf(repo.charAt(i)) < 0) {
        throw new InvalidReferenceException(
            "repository can only contain the characters `" + REPOSITORY_CHARS + "`: " + repo);
      }
    }
    for (String component : repo.split("/", -1)) {
      if (component.isEmpty()) {
        throw new InvalidReferenceException("repository has an empty path component: " + repo);
      }
    }
  }
}
