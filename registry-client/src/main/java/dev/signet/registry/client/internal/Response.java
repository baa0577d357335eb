package dev.signet.registry.client.internal;

import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * A registry's final answer to one endpoint call (after auth, retries and redirects), with the context
 * needed to turn it into a precise exception.
 */
public final class Response implements AutoCloseable {
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final HttpResponse<InputStream> http;
  private final String action;
  private final ErrorCode notFoundCode;
  private final int attempts;
  private final boolean authorized;

  Response(HttpResponse<InputStream> http, String action, ErrorCode notFoundCode, int attempts, boolean authorized) {
    this.http = http;
    this.action = action;
    this.notFoundCode = notFoundCode;
    this.attempts = attempts;
    this.authorized = authorized;
  }

  public int status() {
    return http.statusCode();
  }

  public HttpHeaders headers() {
    return http.headers();
  }

  public Optional<String> header(String name) {
    return http.headers().firstValue(name);
  }

  /** The media type of {@code Content-Type} without parameters, lower-cased; empty if absent. */
  public String contentType() {
    String ct = header("Content-Type").orElse("");
    int semi = ct.indexOf(';');
    return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
  }

  /** The URI that answered (after redirects). */
  public URI uri() {
    return http.uri();
  }

  public String action() {
    return action;
  }

  public InputStream stream() {
    return http.body();
  }

  /** The whole body, or a transport error if it exceeds {@code limit} bytes. */
  public byte[] bytes(long limit) throws RegistryException {
    try (InputStream in = http.body()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16 * 1024];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > limit) {
          throw new RegistryTransportException(action, "answer is larger than the limit of " + limit + " bytes", null);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new RegistryTransportException(action, "reading the answer failed: " + e, e);
    }
  }

  /** Throws the exception matching this (error) answer unless the status is one of {@code expected}. */
  public void expect(int... expected) throws RegistryException {
    for (int s : expected) {
      if (status() == s) {
        return;
      }
    }
    throw failure();
  }

  /** The exception that describes this answer as a failure. */
  public RegistryException failure() {
    byte[] body;
    try {
      body = "HEAD".equals(http.request().method()) ? new byte[0] : bytes(MAX_ERROR_BODY);
    } catch (RegistryException e) {
      body = new byte[0];
    }
    return ErrorMapper.toException(action, status(), contentType(), body, notFoundCode, attempts, authorized);
  }

  @Override
  public void close() {
    try {
      http.body().close();
    } catch (IOException ignored) {
      // Nothing to do.
    }
  }
}
