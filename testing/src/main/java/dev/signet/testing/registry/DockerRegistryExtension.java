package dev.signet.testing.registry;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one shared, unauthenticated {@link DockerRegistryPeer} per test JVM into test constructors,
 * lifecycle methods and test methods ({@code @ExtendWith(DockerRegistryExtension.class)}). The peer
 * lives in the root extension store, so JUnit stops it when the whole run ends. Tests that need
 * isolation use distinct repository names; tests needing auth start their own peer.
 *
 * <p>When {@code docker-registry} is missing, tests asking for it are skipped with a message.
 */
public final class DockerRegistryExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DockerRegistryExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DockerRegistryPeer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    DockerRegistryPeer.assumeInstalled();
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent("shared-registry", k -> DockerRegistryPeer.start(), DockerRegistryPeer.class);
  }
}
