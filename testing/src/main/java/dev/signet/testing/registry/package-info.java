/**
 * Real registry peers for tests: {@link dev.signet.testing.registry.DockerRegistryPeer} (Debian's
 * docker-registry, i.e. CNCF distribution 2.8, optionally with htpasswd or token auth from a
 * {@link dev.signet.testing.registry.TokenIssuer}), the shared-instance
 * {@link dev.signet.testing.registry.DockerRegistryExtension}, and the {@link dev.signet.testing.registry.Skopeo}
 * CLI as an independent client. Missing binaries skip the test with a message.
 */
package dev.signet.testing.registry;
