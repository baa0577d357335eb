package dev.signet.registry.server.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A deadline on request bodies: after a short grace, a body must keep arriving at {@code bytesPerSecond}
 * on average, else its next read fails (the handler answers with an error and the connection is closed).
 * An idle timeout alone is no deadline — each trickled byte resets it — and Jetty 12's
 * {@code HttpConfiguration.setMinRequestDataRate} is not enforced, so the rate is checked here, on every
 * chunk handed to the handlers, before any of them reads a credential (issue 14 finding 5). A body that
 * stops arriving altogether is ended by the connector's idle timeout.
 */
public final class MinimumDataRate extends Handler.Wrapper {
  private final long bytesPerSecond;
  private final long graceNanos;
  private final LongSupplier nanoTime;

  /** @param grace how long a body may lag behind the rate at first (slow start, a client's think time) */
  public MinimumDataRate(long bytesPerSecond, java.time.Duration grace, Handler next) {
    this(bytesPerSecond, grace, System::nanoTime, next);
  }

  MinimumDataRate(long bytesPerSecond, java.time.Duration grace, LongSupplier nanoTime, Handler next) {
    super(next);
    this.bytesPerSecond = bytesPerSecond;
    this.graceNanos = grace.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (bytesPerSecond <= 0) {
      return super.handle(request, response, callback);
    }
    return super.handle(new Metered(request), response, callback);
  }

  private final class Metered extends Request.Wrapper {
    private final long start = nanoTime.getAsLong();
    private long received;

    Metered(Request request) {
      super(request);
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = super.read();
      if (chunk == null || Content.Chunk.isFailure(chunk)) {
        return chunk;
      }
      received += chunk.remaining();
      if (chunk.isLast()) {
        return chunk;
      }
      long elapsed = nanoTime.getAsLong() - start;
      if (elapsed > graceNanos) {
        long owed = bytesPerSecond * (elapsed - graceNanos) / TimeUnit.SECONDS.toNanos(1);
        if (received < owed) {
          chunk.release();
          return Content.Chunk.from(new TimeoutException("request body slower than " + bytesPerSecond
              + " bytes/s (" + received + " bytes in " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms)"), true);
        }
      }
      return chunk;
    }
  }
}
