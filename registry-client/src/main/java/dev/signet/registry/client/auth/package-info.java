/**
 * Registry credentials and authentication: {@link dev.signet.registry.client.auth.Credential},
 * docker {@code config.json} and credential helpers, and the
 * {@link dev.signet.registry.client.auth.Authenticator} that answers Basic and Bearer challenges and
 * caches tokens. Nothing here logs or prints a secret.
 */
package dev.signet.registry.client.auth;
