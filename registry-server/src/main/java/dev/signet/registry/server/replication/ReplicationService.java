package dev.signet.registry.server.replication;

import dev.signet.oci.Digest;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.registry.client.auth.CredentialProvider;
import dev.signet.registry.server.service.Registry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replication of this registry's images, with every accessory, to other registries by rule.
 *
 * <pre>{@code
 * ReplicationService replication = ReplicationService.builder().dataDir(dir)
 *     .catalog(SourceCatalog.of(registry)).build();     // after the registry migrated the database
 * replication.start(server.url());                      // once the server listens
 * // after every successful manifest PUT:
 * replication.onManifestStored(repository, digest, tags, subject);
 * }</pre>
 *
 * Push events are only queued in memory by {@link #onManifestStored}; one background thread turns them
 * into persisted jobs, plans due cron rules, and runs due jobs, so a client's PUT never waits. Events
 * still in memory when the process stops are lost (a manual or scheduled run catches up); jobs are not.
 * Thread-safe.
 */
public final class ReplicationService implements ManifestListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicationService.class);

  private final Builder config;
  private final ReplicationDatabase db;
  private final RuleStore rules;
  private final JobStore jobs;
  private final BlockingQueue<ManifestEvent> events;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean wakeRequested = new AtomicBoolean();
  private volatile JobPlanner planner;
  private volatile JobRunner runner;
  private volatile CronTrigger cron;
  private ScheduledExecutorService executor;

  private ReplicationService(Builder b) {
    this.config = b;
    this.db = new ReplicationDatabase(b.dataDir.resolve("metadata.db"));
    this.rules = new RuleStore(db, SecretBox.open(b.dataDir.resolve("replication.key")));
    this.jobs = new JobStore(db);
    this.events = new ArrayBlockingQueue<>(b.eventCapacity);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts working, reading this registry at {@code localUrl} (the server's own URL): jobs left running by
   * a stopped process are queued again, and the background thread starts unless the poll interval is null.
   */
  public synchronized ReplicationService start(URI localUrl) {
    if (planner != null) {
      throw new IllegalStateException("already started");
    }
    ClientFactory clients = new ClientFactory(localUrl, config.localCredentials, config.requestRetry);
    JobPlanner p = new JobPlanner(rules, jobs, config.catalog, config.clock, clients.localRegistry());
    runner = new JobRunner(rules, jobs, config.catalog, new Replicator(clients), config.backoff, config.clock);
    cron = new CronTrigger(rules, p, config.clock);
    planner = p;
    jobs.requeueRunning(config.clock.instant());
    if (config.pollInterval != null) {
      executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "signet-replication");
        t.setDaemon(true);
        return t;
      });
      long every = config.pollInterval.toMillis();
      executor.scheduleWithFixedDelay(this::tickQuietly, 0, every, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  @Override
  public void onManifestStored(String repository, Digest digest, List<String> tags, Optional<Digest> subject) {
    try {
      if (!events.offer(new ManifestEvent(repository, digest, tags, subject))) {
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
          LOG.warn("replication event queue full: {} push events dropped so far (a manual run catches up)", n);
        }
      }
      wake();
    } catch (RuntimeException e) {
      LOG.warn("replication event for {}@{} not queued: {}", repository, digest, e.toString());
    }
  }

  /** {@link #onManifestStored(String, Digest, List, Optional)} for a PUT with at most one tag. */
  public void onManifestStored(String repository, Digest digest, Optional<String> tag, Optional<Digest> subject) {
    onManifestStored(repository, digest, tag.map(List::of).orElse(List.of()), subject);
  }

  /**
   * One pass: queued events become jobs, due cron rules are planned, due jobs run. The background thread
   * calls this; tests without one call it directly.
   */
  public synchronized void tick() {
    requireStarted();
    wakeRequested.set(false);
    List<ManifestEvent> batch = new ArrayList<>();
    events.drainTo(batch);
    List<ReplicationRule> eventRules = batch.isEmpty() ? List.of() : planner.eventRules();
    for (ManifestEvent e : batch) {
      try {
        planner.planEvent(e, eventRules);
      } catch (RuntimeException ex) {
        LOG.warn("replication event for {}@{} not planned: {}", e.repository(), e.digest(), ex.getMessage());
      }
    }
    cron.tick();
    runner.runDue();
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException | Error e) {
      LOG.error("replication pass failed: {}", e.toString());
    }
  }

  private void wake() {
    ScheduledExecutorService ex = executor;
    if (ex != null && wakeRequested.compareAndSet(false, true)) {
      try {
        ex.execute(this::tickQuietly);
      } catch (RuntimeException e) {
        wakeRequested.set(false); // shutting down
      }
    }
  }

  public void addRule(ReplicationRule rule) throws ReplicationException {
    rules.insert(rule, config.clock.instant());
  }

  public List<ReplicationRule> rules() {
    return rules.list();
  }

  public Optional<ReplicationRule> rule(String name) {
    return rules.find(name);
  }

  /** Deletes the rule and its jobs. */
  public void deleteRule(String name) throws ReplicationException {
    if (!rules.delete(name)) {
      throw unknown(name);
    }
  }

  /** Queues a job for every matching tag of the rule now (whatever its trigger); returns how many. */
  public int run(String name) throws ReplicationException {
    requireStarted();
    ReplicationRule rule = rules.find(name).orElseThrow(() -> unknown(name));
    if (!rule.enabled()) {
      throw new ReplicationException(ReplicationException.Reason.INVALID, "rule " + name + " is disabled");
    }
    int queued = planner.planRule(rule);
    wake();
    return queued;
  }

  /** Jobs, most recently updated first. */
  public List<ReplicationJob> jobs(Optional<String> rule, Optional<JobState> state, int limit) {
    return jobs.list(rule, state, limit);
  }

  /** The retry policy in force (status shows attempts out of {@code maxAttempts}). */
  public Backoff backoff() {
    return config.backoff;
  }

  public Clock clock() {
    return config.clock;
  }

  private void requireStarted() {
    if (planner == null) {
      throw new IllegalStateException("the replication service is not started");
    }
  }

  private static ReplicationException unknown(String name) {
    return new ReplicationException(ReplicationException.Reason.UNKNOWN_RULE, "no replication rule named " + name);
  }

  /** Stops the background thread (waiting for the running job up to 30 s) and closes the database. */
  @Override
  public void close() {
    ScheduledExecutorService ex = executor;
    if (ex != null) {
      ex.shutdown();
      try {
        if (!ex.awaitTermination(30, TimeUnit.SECONDS)) {
          ex.shutdownNow();
        }
      } catch (InterruptedException e) {
        ex.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      db.close();
    }
  }

  /** Settings; {@link #build()} opens the database, so the registry must have been opened first. */
  public static final class Builder {
    private Path dataDir;
    private SourceCatalog catalog;
    private CredentialProvider localCredentials = CredentialProvider.anonymous();
    private Clock clock = Clock.systemUTC();
    private Duration pollInterval = Duration.ofSeconds(5);
    private Backoff backoff = Backoff.defaults();
    private RetryPolicy requestRetry = RetryPolicy.defaults();
    private int eventCapacity = 100_000;

    private Builder() {}

    /** The registry's data directory: {@code metadata.db} and the key file {@code replication.key}. */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dataDir");
      return this;
    }

    public Builder catalog(SourceCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** Shorthand for {@code catalog(SourceCatalog.of(registry))}. */
    public Builder registry(Registry registry) {
      return catalog(SourceCatalog.of(registry));
    }

    /** How jobs authenticate to this registry (default: anonymously). */
    public Builder localCredentials(CredentialProvider credentials) {
      this.localCredentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How often the background thread looks for due jobs and cron minutes (default 5 s); null: no thread. */
    public Builder pollInterval(Duration interval) {
      if (interval != null && (interval.isNegative() || interval.isZero())) {
        throw new IllegalArgumentException("poll interval must be positive");
      }
      this.pollInterval = interval;
      return this;
    }

    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Retries of single requests within an attempt (default {@link RetryPolicy#defaults()}). */
    public Builder requestRetry(RetryPolicy retry) {
      this.requestRetry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** Push events held in memory before they are planned (default 100 000); more are dropped. */
    public Builder eventCapacity(int capacity) {
      this.eventCapacity = capacity;
      return this;
    }

    public ReplicationService build() {
      if (dataDir == null || catalog == null) {
        throw new IllegalStateException("a data directory and a source catalog are required");
      }
      return new ReplicationService(this);
    }
  }
}
