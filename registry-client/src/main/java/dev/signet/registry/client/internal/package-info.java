/**
 * Implementation of {@link dev.signet.registry.client.HttpRegistryClient}: one
 * {@link dev.signet.registry.client.internal.Endpoint} class per registry endpoint, the
 * {@link dev.signet.registry.client.internal.EndpointCaller} that adds auth and retries, and the
 * {@link dev.signet.registry.client.internal.Transport} over an HTTP/1.1 socket client or {@code java.net.http}. Not API: may change
 * without notice.
 */
package dev.signet.registry.client.internal;
