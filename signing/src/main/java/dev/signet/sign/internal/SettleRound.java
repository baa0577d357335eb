package dev.signet.sign.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One read-back pause shared by every image of a bulk signing run. An image that has written its
 * fallback index or {@code .sig} manifest on a registry without conditional writes waits here instead
 * of sleeping on its own; when every image of the run that is still going is waiting (the others have
 * finished), one pause is taken, as long as the longest write window of the round asks for, and all of
 * them read back. An image whose read-back fails writes again and joins the next round.
 *
 * <p>The guarantee is the single pause's, per image: the pause starts after the last write of the round,
 * so every read-back comes at least one full pause after that image's own write — what a concurrent
 * writer in another process needs to have overwritten it visibly.
 */
public final class SettleRound {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  /** Images of the run neither finished nor waiting in the current round. */
  private int active;
  private int waiting;
  private long widestWindow;
  private long generation;
  private long rounds;
  private boolean leaderWanted;

  /** A round over {@code images} images, each of which must call {@link #finished()} exactly once. */
  public SettleRound(int images) {
    if (images < 0) {
      throw new IllegalArgumentException("images must not be negative");
    }
    this.active = images;
  }

  /**
   * Waits until the round's pause (taken by {@code pauser}, with the widest window of the round) is over.
   * The image that completes the round takes the pause; the others wait for it.
   */
  public void settle(long windowMillis, Pauser pauser) {
    long widest;
    lock.lock();
    try {
      long mine = generation;
      widestWindow = Math.max(widestWindow, windowMillis);
      waiting++;
      active--;
      if (active > 0) {
        while (generation == mine && !leaderWanted) {
          released.awaitUninterruptibly();
        }
        if (generation != mine) {
          return;
        }
        leaderWanted = false; // the last image still going finished instead of arriving: this one leads
      }
      widest = widestWindow;
    } finally {
      lock.unlock();
    }
    // the leader: nobody else can arrive while everyone still going is waiting
    try {
      pauser.settle(widest);
    } finally {
      lock.lock();
      try {
        active += waiting;
        waiting = 0;
        widestWindow = 0;
        generation++;
        rounds++;
        released.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Called once by each image when it is done (signed or failed): the round no longer waits for it. */
  public void finished() {
    lock.lock();
    try {
      active--;
      if (active == 0 && waiting > 0) {
        leaderWanted = true; // everyone still going is waiting: one of them takes the pause
        released.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Pauses taken so far. */
  public long rounds() {
    lock.lock();
    try {
      return rounds;
    } finally {
      lock.unlock();
    }
  }
}
