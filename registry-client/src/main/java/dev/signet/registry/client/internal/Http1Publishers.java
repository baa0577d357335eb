package dev.signet.registry.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bridges {@code java.net.http}'s reactive bodies to {@link Http1Client}'s blocking exchange: a request's
 * {@link HttpRequest.BodyPublisher} collected into bytes, and an answer's bytes handed to a
 * {@link HttpResponse.BodySubscriber} in one piece.
 */
final class Http1Publishers {
  private static final long WAIT_SECONDS = 60;

  private Http1Publishers() {}

  /** The request body, or null when there is none. */
  static byte[] bytesOf(HttpRequest request) throws IOException {
    if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> done = new CompletableFuture<>();
    request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        out.writeBytes(chunk);
      }

      @Override
      public void onError(Throwable throwable) {
        done.completeExceptionally(throwable);
      }

      @Override
      public void onComplete() {
        done.complete(null);
      }
    });
    await(done);
    return out.toByteArray();
  }

  /** Feeds {@code body} to {@code subscriber} and returns what it makes of it. */
  static <T> T deliver(HttpResponse.BodySubscriber<T> subscriber, ByteBuffer body) throws IOException {
    subscriber.onSubscribe(new Flow.Subscription() {
      private boolean sent;
      private boolean completed;
      private boolean cancelled;
      private boolean delivering;

      @Override
      public void request(long n) {
        if (n <= 0) {
          cancelled = true;
          subscriber.onError(new IllegalArgumentException("non-positive demand " + n));
          return;
        }
        if (delivering) {
          return;
        }
        delivering = true;
        try {
          if (!sent && !cancelled) {
            sent = true;
            subscriber.onNext(List.of(body));
          }
          if (!completed && !cancelled) {
            completed = true;
            subscriber.onComplete();
          }
        } finally {
          delivering = false;
        }
      }

      @Override
      public void cancel() {
        cancelled = true;
      }
    });
    return await(subscriber.getBody().toCompletableFuture());
  }

  private static <T> T await(CompletableFuture<T> future) throws IOException {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("body not produced within " + WAIT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
