package dev.signet.sign.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link SettleRound}: one pause per round, taken after the last write, as wide as the widest window. */
class SettleRoundTest {
  /** Records each pause: when it started (nanoTime) and the window it was asked for. */
  private static final class Recording implements Pauser {
    final AtomicInteger pauses = new AtomicInteger();
    final AtomicLong lastWindow = new AtomicLong();
    final AtomicLong startedAt = new AtomicLong();

    @Override
    public void pause(int attempt) {}

    @Override
    public void settle(long windowMillis) {
      pauses.incrementAndGet();
      lastWindow.set(windowMillis);
      startedAt.set(System.nanoTime());
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void allImagesWaitForOnePauseThatStartsAfterTheLastArrival() throws Exception {
    int n = 20;
    SettleRound round = new SettleRound(n);
    Recording pauser = new Recording();
    ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> releases = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long window = i * 3L;
      long delay = i * 5L;
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          return;
        }
        arrivals.add(System.nanoTime());
        round.settle(window, pauser);
        releases.add(System.nanoTime());
        round.finished();
      }));
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(pauser.pauses.get()).isEqualTo(1);
    assertThat(round.rounds()).isEqualTo(1);
    assertThat(pauser.lastWindow.get()).as("the widest window of the round").isEqualTo((n - 1) * 3L);
    long lastArrival = arrivals.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(pauser.startedAt.get()).as("the pause starts after every write").isGreaterThanOrEqualTo(lastArrival);
    long firstRelease = releases.stream().mapToLong(Long::longValue).min().orElseThrow();
    assertThat(firstRelease - pauser.startedAt.get()).as("nobody reads back before the pause is over")
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    assertThat(releases).hasSize(n);
  }

  @Test
  void anImageThatFinishesWithoutPausingDoesNotHoldTheRoundUp() throws Exception {
    SettleRound round = new SettleRound(3);
    Recording pauser = new Recording();
    CountDownLatch waiting = new CountDownLatch(2);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        waiting.countDown();
        round.settle(10, pauser);
        round.finished();
      }));
    }
    waiting.await();
    Thread.sleep(100);
    assertThat(pauser.pauses.get()).as("the third image is still going").isZero();
    round.finished(); // the third image is done (the registry took a conditional write, or it failed)
    for (Thread t : threads) {
      t.join(10_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(pauser.pauses.get()).isEqualTo(1);
  }

  @Test
  void anImageWhoseReadBackFailedJoinsTheNextRound() throws Exception {
    SettleRound round = new SettleRound(2);
    Recording pauser = new Recording();
    Thread once = Thread.ofVirtual().start(() -> {
      round.settle(1, pauser);
      round.finished();
    });
    Thread twice = Thread.ofVirtual().start(() -> {
      round.settle(1, pauser);
      round.settle(1, pauser); // its entry was overwritten: written again, paused again
      round.finished();
    });
    once.join(10_000);
    twice.join(10_000);
    assertThat(once.isAlive() || twice.isAlive()).isFalse();
    assertThat(pauser.pauses.get()).isEqualTo(2);
    assertThat(round.rounds()).isEqualTo(2);
  }
}
