package dev.signet.registry.client.auth;

import java.util.Locale;
import java.util.Set;

/**
 * How docker names registries in {@code config.json}: Docker Hub as {@code https://index.docker.io/v1/},
 * every other registry by {@code host[:port]}; keys written as URLs ({@code https://host/v2/}) match
 * their host.
 */
public final class DockerConfigKeys {
  /** The key docker uses for Docker Hub. */
  public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
  private static final Set<String> DOCKER_HUB_HOSTS = Set.of("index.docker.io", "docker.io", "registry-1.docker.io");

  private DockerConfigKeys() {}

  /** The key to look up or store credentials of {@code registry} under. */
  public static String keyFor(String registry) {
    String host = hostOf(registry);
    return DOCKER_HUB_HOSTS.contains(host) ? DOCKER_HUB_KEY : host;
  }

  /** {@code host[:port]} of a key: scheme and path stripped, lower-cased (docker's ConvertToHostname). */
  public static String hostOf(String key) {
    String k = key.trim();
    if (k.startsWith("http://")) {
      k = k.substring(7);
    } else if (k.startsWith("https://")) {
      k = k.substring(8);
    }
    int slash = k.indexOf('/');
    return (slash >= 0 ? k.substring(0, slash) : k).toLowerCase(Locale.ROOT);
  }

  /** True when config key {@code key} names {@code registry}. */
  public static boolean matches(String key, String registry) {
    String wanted = keyFor(registry);
    return key.equals(wanted) || keyFor(hostOf(key)).equals(wanted);
  }
}
