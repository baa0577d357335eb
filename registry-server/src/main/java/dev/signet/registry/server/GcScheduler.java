package dev.signet.registry.server;

import dev.signet.registry.server.service.GarbageCollector;
import dev.signet.registry.server.service.GcReport;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the online garbage collection at a fixed interval on one daemon thread. */
final class GcScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GcScheduler.class);
  private final ScheduledExecutorService executor;

  GcScheduler(GarbageCollector gc, Duration interval, Duration grace) {
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "signet-registry-gc");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        GcReport report = gc.run(grace, false);
        LOG.info("garbage collection: {}", report.summary());
      } catch (RuntimeException e) {
        LOG.error("garbage collection failed", e);
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
