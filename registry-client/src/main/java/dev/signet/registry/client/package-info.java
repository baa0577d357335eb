/**
 * The OCI distribution client: {@link dev.signet.registry.client.RegistryClient} (implemented by
 * {@link dev.signet.registry.client.HttpRegistryClient}), its values and its checked exceptions rooted at
 * {@link dev.signet.registry.client.RegistryException}.
 *
 * <p>Package dependencies (no cycles): {@code client} → {@code client.auth}, {@code client.internal};
 * {@code client.internal} → {@code client}, {@code client.auth}; {@code client.auth} → {@code client}
 * (exceptions only). Public signatures here never use {@code internal} types.
 */
package dev.signet.registry.client;
