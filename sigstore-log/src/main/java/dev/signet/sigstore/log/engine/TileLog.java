package dev.signet.sigstore.log.engine;

import dev.signet.sigstore.log.LogException;
import dev.signet.sigstore.log.note.CheckpointText;
import dev.signet.sigstore.log.note.NoteSigner;
import dev.signet.sigstore.log.storage.LogStorage;
import dev.signet.sigstore.log.storage.StorageException;
import dev.signet.sigstore.log.tiles.EntryBundle;
import dev.signet.sigstore.log.tiles.Hashes;
import dev.signet.sigstore.log.tiles.TilePaths;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only tlog-tiles log. Appends queue up; one integrator thread takes them in batches (up to
 * {@link LogConfig#maxBatch()}, waiting at most {@link LogConfig#integrationInterval()} after the first),
 * and for each batch: writes a journal of the batch (durable), writes entry bundles and hash tiles (full
 * and partial) and the batch record, syncs, signs a checkpoint and publishes it by compare-and-set of
 * the storage state; only then are the batch's appends acknowledged. After a crash the journal at the
 * published size is integrated again (same bytes, so the already written tiles match), so an
 * acknowledged entry is never lost or reordered, nothing beyond the published checkpoint is ever
 * referenced, and the checkpoint never moves backwards. Identical entries are appended once
 * (the second append answers the first's index).
 */
public final class TileLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TileLog.class);

  private record Pending(byte[] entry, byte[] leaf, CompletableFuture<Appended> done) {}

  private final LogStorage storage;
  private final NoteSigner signer;
  private final LogConfig config;
  private final TileReader reader;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Map<ByteBuffer, Long> index = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Long, Long> batchTimes = new ConcurrentSkipListMap<>();
  private final Thread integrator;
  private volatile LogState state;
  private volatile boolean closed;
  private TreeEdge edge;
  private byte[] stateBytes;
  private boolean broken;

  private TileLog(LogStorage storage, NoteSigner signer, LogConfig config) {
    this.storage = storage;
    this.signer = signer;
    this.config = config;
    this.reader = new TileReader(storage, () -> state == null ? 0 : state.size());
    this.integrator = new Thread(this::run, "tlog-integrator " + config.origin());
    integrator.setDaemon(true);
  }

  /**
   * Opens a log: recovers the published state (integrating a journaled batch left by a crash, or
   * creating the empty tree's checkpoint), rebuilds the entry index, and starts the integrator.
   */
  public static TileLog open(LogStorage storage, NoteSigner signer, LogConfig config) throws LogException {
    TileLog log = new TileLog(storage, signer, config);
    log.recover();
    log.rebuildIndex();
    log.integrator.start();
    return log;
  }

  private void recover() throws StorageException {
    Optional<byte[]> raw = storage.readState();
    LogState s;
    if (raw.isEmpty()) {
      s = null;
      edge = new TreeEdge();
    } else {
      try {
        s = LogState.decode(raw.get());
      } catch (IllegalArgumentException e) {
        throw new StorageException("the log state of " + config.origin() + " is unreadable: " + e.getMessage());
      }
      if (state != null && s.size() < state.size()) {
        throw new StorageException("the stored checkpoint of " + config.origin() + " went backwards from "
            + state.size() + " to " + s.size() + "; refusing to continue");
      }
      edge = TreeEdge.load(storage, s.size());
    }
    state = s;
    stateBytes = raw.orElse(null);
    Optional<byte[]> journal = storage.get(Journal.journalPath(size()));
    if (journal.isPresent()) {
      List<byte[]> entries = Journal.journalEntries(journal.get());
      LOG.info("log {}: integrating {} journaled entries at size {} left by an interrupted batch",
          config.origin(), entries.size(), size());
      List<Pending> batch = new ArrayList<>();
      for (byte[] e : entries) {
        batch.add(new Pending(e, Hashes.leaf(e), new CompletableFuture<>()));
      }
      integrate(batch, Journal.journalTime(journal.get()), false);
    } else if (state == null) {
      publish(0, config.clock().instant().getEpochSecond());
    }
    broken = false;
  }

  private long size() {
    return state == null ? 0 : state.size();
  }

  private void rebuildIndex() throws StorageException {
    long size = size();
    for (long start = 0; start < size; ) {
      long s = start;
      Journal.Batch b = Journal.decodeBatch(start, storage.get(Journal.batchPath(start)).orElseThrow(
          () -> new StorageException("batch record " + s + " is missing; run fsck")));
      batchTimes.put(start, b.time());
      start = b.end();
    }
    for (long n = 0; n * TilePaths.WIDTH < size; n++) {
      List<byte[]> entries = bundle(n, TilePaths.widthAt(0, n, size));
      for (int j = 0; j < entries.size(); j++) {
        index.putIfAbsent(ByteBuffer.wrap(Hashes.leaf(entries.get(j))), n * TilePaths.WIDTH + j);
      }
    }
  }

  private List<byte[]> bundle(long n, int width) throws StorageException {
    String path = TilePaths.entries(n, width);
    byte[] b = storage.get(path).orElseThrow(() -> new StorageException("entry bundle " + path + " is missing"));
    return EntryBundle.decode(b);
  }

  /**
   * Queues an entry (the canonical bytes, the Merkle leaf). The future completes once the entry is in a
   * published checkpoint, or fails with {@link StorageException} (the batch could not be made durable),
   * {@link LogUnavailableException} (pushback or closed).
   */
  public CompletableFuture<Appended> append(byte[] entry) {
    if (entry.length == 0 || entry.length > EntryBundle.MAX_ENTRY) {
      throw new IllegalArgumentException("a log entry has 1.." + EntryBundle.MAX_ENTRY + " bytes, not " + entry.length);
    }
    byte[] leaf = Hashes.leaf(entry);
    Long existing = index.get(ByteBuffer.wrap(leaf));
    LogState s = state;
    if (existing != null && existing < s.size()) {
      return CompletableFuture.completedFuture(new Appended(existing, leaf, true, s));
    }
    CompletableFuture<Appended> f = new CompletableFuture<>();
    if (closed) {
      f.completeExceptionally(new LogUnavailableException("log " + config.origin() + " is closed"));
      return f;
    }
    if (pending.incrementAndGet() > config.maxPending()) {
      pending.decrementAndGet();
      f.completeExceptionally(new LogUnavailableException("log " + config.origin() + " has "
          + config.maxPending() + " appends waiting; retry later"));
      return f;
    }
    queue.add(new Pending(entry.clone(), leaf, f));
    return f;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + config.integrationInterval().toNanos();
        while (batch.size() < config.maxBatch()) {
          queue.drainTo(batch, config.maxBatch() - batch.size());
          long left = deadline - System.nanoTime();
          if (batch.size() >= config.maxBatch() || left <= 0 || closed) {
            break;
          }
          Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        pending.addAndGet(-batch.size());
        runBatch(batch);
      } catch (InterruptedException e) {
        if (!closed) {
          LOG.warn("log {}: integrator interrupted", config.origin());
        }
      } catch (RuntimeException | Error e) {
        LOG.error("log {}: integrator failed", config.origin(), e);
        batch.forEach(p -> p.done().completeExceptionally(e));
        broken = true;
      } finally {
        batch.clear();
      }
    }
  }

  private void runBatch(List<Pending> batch) {
    try {
      if (broken) {
        recover();
        rebuildIndex(); // another writer may have added entries
      }
      integrate(batch, config.clock().instant().getEpochSecond(), true);
    } catch (StorageException e) {
      broken = true;
      LOG.warn("log {}: batch of {} failed: {}", config.origin(), batch.size(), e.getMessage());
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  /** Integrates and publishes one batch; completes its futures. */
  private void integrate(List<Pending> batch, long time, boolean journal) throws StorageException {
    long start = size();
    List<Pending> fresh = new ArrayList<>();
    List<Long> dupIndex = new ArrayList<>();
    Map<ByteBuffer, Long> inBatch = new java.util.HashMap<>();
    for (Pending p : batch) {
      ByteBuffer key = ByteBuffer.wrap(p.leaf());
      Long at = index.get(key);
      if (at == null) {
        at = inBatch.get(key);
      }
      if (at == null) {
        inBatch.put(key, start + fresh.size());
        fresh.add(p);
        dupIndex.add(null);
      } else {
        dupIndex.add(at);
      }
    }
    if (!fresh.isEmpty()) {
      List<byte[]> entries = fresh.stream().map(Pending::entry).toList();
      if (journal) {
        if (!java.util.Arrays.equals(storage.readState().orElse(null), stateBytes)) {
          throw new StorageException("the state of log " + config.origin() + " was changed by another writer; "
              + "only one process may serve a log directory");
        }
        storage.putIfAbsent(Journal.journalPath(start), Journal.encodeJournal(time, entries));
        storage.sync();
      }
      TreeEdge.Output out = new TreeEdge.Output();
      for (byte[] e : entries) {
        edge.append(e, out);
      }
      edge.flush(out);
      for (Map.Entry<String, byte[]> o : out.objects.entrySet()) {
        storage.putIfAbsent(o.getKey(), o.getValue());
      }
      out.tiles.forEach(reader::remember);
      Journal.Batch record = new Journal.Batch(start, fresh.size(), time);
      storage.putIfAbsent(Journal.batchPath(start), Journal.encodeBatch(record));
      storage.sync();
      batchTimes.put(start, time); // before publishing: readers of the new size find its time (replaced if this fails)
      publish(start + fresh.size(), time);
      for (Map.Entry<ByteBuffer, Long> e : inBatch.entrySet()) {
        index.put(e.getKey(), e.getValue());
      }
      try {
        storage.delete(Journal.journalPath(start));
      } catch (StorageException e) {
        LOG.warn("log {}: journal {} not deleted: {}", config.origin(), start, e.getMessage());
      }
    }
    LogState published = state;
    long next = start;
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      Long dup = dupIndex.get(i);
      p.done().complete(dup == null ? new Appended(next++, p.leaf(), false, published)
          : new Appended(dup, p.leaf(), true, published));
    }
  }

  private void publish(long size, long time) throws StorageException {
    byte[] root = reader.root(size);
    String note = signer.signNote(CheckpointText.of(config.origin(), size, root));
    LogState next = new LogState(size, root, time, note);
    byte[] bytes = next.encode();
    if (!storage.compareAndSetState(stateBytes, bytes)) {
      throw new StorageException("the state of log " + config.origin() + " was changed by another writer; "
          + "only one process may serve a log directory");
    }
    stateBytes = bytes;
    state = next;
  }

  /** Reads tiles of this log (proofs at any published size). */
  public TileReader reader() {
    return reader;
  }

  /** The latest published state. */
  public LogState state() {
    return state;
  }

  public NoteSigner signer() {
    return signer;
  }

  public LogConfig config() {
    return config;
  }

  public LogStorage storage() {
    return storage;
  }

  /** The index of the entry with this leaf hash, if published. */
  public Optional<Long> indexOf(byte[] leafHash) {
    Long i = index.get(ByteBuffer.wrap(leafHash));
    return i != null && i < state.size() ? Optional.of(i) : Optional.empty();
  }

  /** When the batch holding {@code index} was integrated (seconds). */
  public long integratedTime(long i) {
    var e = batchTimes.floorEntry(i);
    if (e == null || i >= state.size()) {
      throw new IllegalArgumentException("index " + i + " is not in log " + config.origin());
    }
    return e.getValue();
  }

  /** The entry at {@code i} (published). */
  public byte[] entry(long i) throws StorageException {
    long size = state.size();
    if (i < 0 || i >= size) {
      throw new IllegalArgumentException("index " + i + " is outside log " + config.origin() + " of size " + size);
    }
    long n = i / TilePaths.WIDTH;
    return bundle(n, TilePaths.widthAt(0, n, size)).get((int) (i % TilePaths.WIDTH));
  }

  public List<byte[]> inclusionProof(long i, long size) throws StorageException {
    checkSize(size);
    return reader.inclusionProof(i, size);
  }

  public List<byte[]> consistencyProof(long first, long second) throws StorageException {
    checkSize(second);
    return reader.consistencyProof(first, second);
  }

  private void checkSize(long size) {
    if (size > state.size()) {
      throw new IllegalArgumentException("tree size " + size + " is beyond the published size " + state.size());
    }
  }

  /** Stops the integrator after the queued appends are integrated. */
  @Override
  public void close() {
    closed = true;
    try {
      integrator.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending p;
    while ((p = queue.poll()) != null) {
      p.done().completeExceptionally(new LogUnavailableException("log " + config.origin() + " is closed"));
    }
  }
}
