package dev.signet.registry.client.internal;

import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;

/**
 * One registry endpoint: what to send, which access it needs, what to call it in messages, and how to
 * read the final answer. {@link EndpointCaller} does the I/O, auth and retries.
 *
 * @param <T> the result
 */
public interface Endpoint<T> {

  /** The request, given the registry's base URI ({@code https://host}). */
  HttpCall request(URI base);

  AuthScope scope();

  /** E.g. {@code GET manifest 127.0.0.1:5000/app:v1}. */
  String action();

  /** What a 404 without a recognised error code means here. */
  default ErrorCode notFoundCode() {
    return ErrorCode.UNKNOWN;
  }

  /** Whether repeating the request after an I/O error or 429/502/503/504 is safe. */
  default boolean retryable() {
    return true;
  }

  /** Reads the final answer; use {@link Response#expect} or {@link Response#failure()} for errors. */
  T handle(Response response) throws RegistryException;
}
