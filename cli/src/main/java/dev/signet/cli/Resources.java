package dev.signet.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What one command opened and must close when it ends (registry clients and their selector threads),
 * closed by {@link Main#run} in reverse order of registration. Per invocation, never shared globally.
 */
public final class Resources {
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  /** Registers {@code resource} to be closed at the end of the command; returns it. */
  public synchronized <T extends AutoCloseable> T register(T resource) {
    open.push(resource);
    return resource;
  }

  /** Closes everything registered so far; a failing close does not stop the others. */
  public void closeAll() {
    while (true) {
      AutoCloseable next;
      synchronized (this) {
        next = open.poll();
      }
      if (next == null) {
        return;
      }
      try {
        next.close();
      } catch (Exception e) {
        // closing is best effort: the command's own result has already been decided
      }
    }
  }
}
