package dev.signet.sign.internal;

import java.util.concurrent.Semaphore;

/**
 * A {@link Pauser} that gives up the caller's in-flight permit while it waits. Bulk signing bounds the
 * images that are making requests, not those waiting out a settle pause (at least 250 ms per image on a
 * registry without conditional writes): a sleeping image lets the next one start, so throughput is no
 * longer images in flight divided by the pause. The permit is the one bound to {@link #PERMITS} for the
 * current task; without a binding the pauses are the delegate's, unchanged. Where a {@link SettleRound}
 * is bound to {@link #ROUND} as well, the images of the run share one settle pause per round.
 */
public final class PermitPauser implements Pauser {
  /** The in-flight permits of the current bulk signing task (a key, bound per task with ScopedValue.where). */
  public static final ScopedValue<Semaphore> PERMITS = ScopedValue.newInstance();
  /** The run's shared read-back pause (bound per task beside {@link #PERMITS}); unbound: each image pauses. */
  public static final ScopedValue<SettleRound> ROUND = ScopedValue.newInstance();

  private final Pauser delegate;

  public PermitPauser(Pauser delegate) {
    this.delegate = delegate;
  }

  @Override
  public void pause(int attempt) {
    released(() -> delegate.pause(attempt));
  }

  @Override
  public void settle(long windowMillis) {
    if (ROUND.isBound()) {
      SettleRound round = ROUND.get();
      released(() -> round.settle(windowMillis, delegate));
      return;
    }
    released(() -> delegate.settle(windowMillis));
  }

  private static void released(Runnable wait) {
    if (!PERMITS.isBound()) {
      wait.run();
      return;
    }
    Semaphore permits = PERMITS.get();
    permits.release();
    try {
      wait.run();
    } finally {
      permits.acquireUninterruptibly();
    }
  }
}
