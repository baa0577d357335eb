package dev.signet.registry.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The outermost handler: at most {@code max} requests of one client address in flight at once, counted
 * before anything reads a body or checks a credential, so slow or stalled senders from one address cannot
 * occupy every request thread (issue 14 finding 5). A request over the limit is answered at once with 429
 * {@code TOOMANYREQUESTS}, {@code Retry-After: 1} and the connection closed; its body is never read.
 */
public final class ClientConcurrencyLimit extends Handler.Wrapper {
  private static final byte[] BUSY = ("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":"
      + "\"too many concurrent requests from this address\"}]}").getBytes(StandardCharsets.UTF_8);

  private final int max;
  private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

  public ClientConcurrencyLimit(int max, Handler next) {
    super(next);
    if (max < 1) {
      throw new IllegalArgumentException("the per-client request limit must be at least 1");
    }
    this.max = max;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String client = Request.getRemoteAddr(request);
    int[] now = new int[1];
    inFlight.compute(client, (k, n) -> now[0] = n == null ? 1 : n + 1);
    if (now[0] > max) {
      release(client);
      response.setStatus(429);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      response.write(true, ByteBuffer.wrap(BUSY), callback);
      return true;
    }
    AtomicBoolean released = new AtomicBoolean();
    Runnable done = () -> {
      if (released.compareAndSet(false, true)) {
        release(client);
      }
    };
    Callback counted = new Callback() {
      @Override
      public void succeeded() {
        done.run();
        callback.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        done.run();
        callback.failed(x);
      }

      @Override
      public InvocationType getInvocationType() {
        return callback.getInvocationType();
      }
    };
    try {
      boolean handled = super.handle(request, response, counted);
      if (!handled) {
        done.run();
      }
      return handled;
    } catch (Throwable t) {
      done.run();
      throw t;
    }
  }

  /** Requests of {@code client} in flight now (for tests and diagnostics). */
  public int inFlight(String client) {
    return inFlight.getOrDefault(client, 0);
  }

  private void release(String client) {
    inFlight.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
  }
}
