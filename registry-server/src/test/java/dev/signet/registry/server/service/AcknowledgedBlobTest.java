package dev.signet.registry.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.storage.BlobDigestMismatchException;
import dev.signet.registry.server.storage.BlobInfo;
import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.Condition;
import dev.signet.registry.server.storage.UploadSessions;
import dev.signet.registry.server.storage.fs.FsBlobStore;
import dev.signet.registry.server.storage.sql.SqliteMetadataStore;
import dev.signet.registry.server.testkit.MutableClock;
import dev.signet.registry.server.testkit.TestManifests;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 4, replayed deterministically: a garbage collection that sweeps an orphan blob at the
 * worst moment of its re-push (the store has taken the bytes, the repository link is not yet written)
 * must not leave a blob the registry answered 201 for — nor a manifest pointing at nothing.
 */
class AcknowledgedBlobTest {
  private static final Duration GRACE = Duration.ofHours(1);

  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
  SqliteMetadataStore meta;
  SweepingStore store;
  Registry registry;

  @BeforeEach
  void open() {
    meta = new SqliteMetadataStore(data.resolve("metadata.db"), clock, false);
    store = new SweepingStore(new FsBlobStore(data, clock));
    registry = new Registry(meta, store, clock);
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void monolithicRePushDuringASweep_isNeverLost() throws Exception {
    byte[] blob = "orphan layer".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(blob);
    registry.uploads().putMonolithic("repo", d, new ByteArrayInputStream(blob));
    clock.advance(GRACE.multipliedBy(2));

    Thread gc = store.gcPausedAfterListing(registry);
    store.afterNextPut = () -> store.finish(gc);
    registry.uploads().putMonolithic("repo", d, new ByteArrayInputStream(blob)); // the 201
    assertAcknowledgedAndReferencable(d, blob);
  }

  @Test
  void chunkedRePushDuringASweep_isNeverLost() throws Exception {
    byte[] blob = "orphan chunked layer".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(blob);
    registry.uploads().putMonolithic("repo", d, new ByteArrayInputStream(blob));
    clock.advance(GRACE.multipliedBy(2));

    String id = registry.uploads().start("repo");
    registry.uploads().append("repo", id, null, new ByteArrayInputStream(blob));
    Thread gc = store.gcPausedAfterListing(registry);
    store.afterNextPut = () -> store.finish(gc);
    registry.uploads().finish("repo", id, d, null, InputStream.nullInputStream()); // the 201
    assertAcknowledgedAndReferencable(d, blob);
  }

  @Test
  void mountDuringASweep_isNeverLost() throws Exception {
    byte[] blob = "mounted layer".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(blob);
    registry.uploads().putMonolithic("source", d, new ByteArrayInputStream(blob));
    clock.advance(GRACE.multipliedBy(2));

    Thread gc = store.gcPausedAfterListing(registry);
    // the collection is let go during the mount's stat; it finishes then, or (holding off on the
    // registry's write lock) right after the mount
    store.afterNextStat = () -> store.release(gc, Duration.ofMillis(500));
    boolean mounted = registry.blobs().mount("repo", "source", d);
    store.finish(gc);
    if (mounted) {
      assertAcknowledgedAndReferencable(d, blob);
    } else {
      assertThat(store.stat(d)).as("nothing mounted, nothing promised").isEmpty();
    }
  }

  @Test
  void manifestPut_checksTheBlobStoreNotOnlyTheLink() throws Exception {
    byte[] blob = "layer whose file vanished".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(blob);
    registry.uploads().putMonolithic("repo", d, new ByteArrayInputStream(blob));
    store.delete(d); // the link stays; the content is gone (another process swept it)

    byte[] manifest = TestManifests.image(d, blob.length, Map.of());
    assertThatThrownBy(() -> registry.manifests().put("repo", "v1", MediaTypes.OCI_MANIFEST, manifest,
        Condition.NONE, List.of()))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN));
  }

  /** The blob is served, a manifest referencing it is accepted, and it survives the next collection. */
  private void assertAcknowledgedAndReferencable(Digest d, byte[] blob) throws Exception {
    byte[] manifest = TestManifests.image(d, blob.length, Map.of());
    registry.manifests().put("repo", "v1", MediaTypes.OCI_MANIFEST, manifest, Condition.NONE, List.of());
    registry.gc().run(GRACE, false);
    assertThat(store.stat(d)).as("blob %s answered 201 and referenced by a stored manifest", d).isPresent();
    assertThat(registry.blobs().stat("repo", d).size()).isEqualTo(blob.length);
    try (SeekableByteChannel ch = registry.blobs().open("repo", d).channel()) {
      assertThat(ch.size()).isEqualTo(blob.length);
    }
    assertThat(registry.fsck().run().problems()).isEmpty();
    assertThat(Files.exists(data.resolve("blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex()))).isTrue();
  }

  /**
   * The real filesystem store with pause points: a collection can be held right after it listed the
   * blobs (so it has chosen its candidates), and a task runs right after a write (or a stat) returns —
   * there the held collection is let go and finishes its sweep, as a concurrent one would that got the
   * write lock at that moment.
   */
  static final class SweepingStore implements BlobStore {
    private final FsBlobStore delegate;
    volatile Runnable afterNextPut;
    volatile Runnable afterNextStat;
    private volatile CountDownLatch listed;
    private volatile CountDownLatch proceed;

    SweepingStore(FsBlobStore delegate) {
      this.delegate = delegate;
    }

    /** Starts a collection (grace 1h) and returns once it has listed the blobs; it then waits. */
    Thread gcPausedAfterListing(Registry registry) throws InterruptedException {
      CountDownLatch l = new CountDownLatch(1);
      proceed = new CountDownLatch(1);
      listed = l;
      Thread t = new Thread(() -> registry.gc().run(GRACE, false), "paused-gc");
      t.start();
      assertThat(l.await(10, TimeUnit.SECONDS)).as("collection listed the blobs").isTrue();
      return t;
    }

    /** Lets the held collection sweep and waits until it is done. */
    void finish(Thread gc) {
      release(gc, Duration.ofSeconds(10));
      assertThat(gc.isAlive()).as("collection finished").isFalse();
    }

    /** Lets the held collection sweep and waits for it at most {@code wait}. */
    void release(Thread gc, Duration wait) {
      proceed.countDown();
      try {
        gc.join(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void once(Runnable r) {
      if (r != null) {
        r.run();
      }
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
      Optional<BlobInfo> out = delegate.stat(digest);
      Runnable r = afterNextStat;
      afterNextStat = null;
      once(r);
      return out;
    }

    @Override
    public Optional<SeekableByteChannel> open(Digest digest) {
      return delegate.open(digest);
    }

    @Override
    public BlobInfo put(Digest expected, InputStream content, LongConsumer beforeInstall)
        throws BlobDigestMismatchException {
      BlobInfo out = delegate.put(expected, content, beforeInstall);
      Runnable r = afterNextPut;
      afterNextPut = null;
      once(r);
      return out;
    }

    @Override
    public boolean delete(Digest digest) {
      return delegate.delete(digest);
    }

    @Override
    public void list(Consumer<BlobInfo> visitor) {
      delegate.list(visitor);
      CountDownLatch l = listed;
      CountDownLatch p = proceed;
      listed = null;
      if (l != null) {
        l.countDown();
        try {
          p.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public boolean verify(Digest digest) {
      return delegate.verify(digest);
    }

    @Override
    public UploadSessions uploads() {
      UploadSessions s = delegate.uploads();
      return new UploadSessions() {
        @Override
        public void create(String id) {
          s.create(id);
        }

        @Override
        public long size(String id) throws dev.signet.registry.server.storage.UnknownUploadException {
          return s.size(id);
        }

        @Override
        public long append(String id, long offset, InputStream content)
            throws dev.signet.registry.server.storage.UnknownUploadException,
            dev.signet.registry.server.storage.UploadOffsetException {
          return s.append(id, offset, content);
        }

        @Override
        public BlobInfo commit(String id, Digest expected, LongConsumer beforeInstall)
            throws dev.signet.registry.server.storage.UnknownUploadException, BlobDigestMismatchException {
          BlobInfo out = s.commit(id, expected, beforeInstall);
          Runnable r = afterNextPut;
          afterNextPut = null;
          once(r);
          return out;
        }

        @Override
        public boolean cancel(String id) {
          return s.cancel(id);
        }

        @Override
        public void list(Consumer<UploadInfo> visitor) {
          s.list(visitor);
        }
      };
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
