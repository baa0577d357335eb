package dev.signet.registry.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Digest;
import dev.signet.registry.server.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link BlobStore} must do; an implementation's test only supplies {@link #create}. */
public abstract class BlobStoreContractTest {
  protected static final byte[] CONTENT = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
  protected static final Digest DIGEST = Digest.sha256(CONTENT);

  @TempDir protected Path dir;
  protected MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  protected BlobStore store;

  /** A store over {@code dir}; called again with the same directory to test persistence. */
  protected abstract BlobStore create(Path dir, Clock clock);

  @BeforeEach
  void open() {
    store = create(dir, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static byte[] read(SeekableByteChannel ch) throws IOException {
    try (ch) {
      ByteBuffer buf = ByteBuffer.allocate((int) ch.size());
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // fill
      }
      return buf.array();
    }
  }

  @Test
  void put_thenStatOpenListDelete() throws Exception {
    BlobInfo info = store.put(DIGEST, new ByteArrayInputStream(CONTENT));
    assertThat(info.size()).isEqualTo(CONTENT.length);
    assertThat(info.modified()).isEqualTo(clock.instant());
    assertThat(store.stat(DIGEST)).contains(info);
    assertThat(read(store.open(DIGEST).orElseThrow())).isEqualTo(CONTENT);
    List<BlobInfo> listed = new ArrayList<>();
    store.list(listed::add);
    assertThat(listed).extracting(BlobInfo::digest).containsExactly(DIGEST);
    assertThat(store.verify(DIGEST)).isTrue();
    assertThat(store.delete(DIGEST)).isTrue();
    assertThat(store.delete(DIGEST)).isFalse();
    assertThat(store.stat(DIGEST)).isEmpty();
    assertThat(store.open(DIGEST)).isEmpty();
  }

  @Test
  void put_rejectsWrongContentAndLeavesNothing() {
    Digest other = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> store.put(other, new ByteArrayInputStream(CONTENT)))
        .isInstanceOf(BlobDigestMismatchException.class);
    assertThat(store.stat(other)).isEmpty();
    assertThat(store.stat(DIGEST)).isEmpty();
    List<BlobInfo> listed = new ArrayList<>();
    store.list(listed::add);
    assertThat(listed).isEmpty();
  }

  @Test
  void put_failingStreamLeavesNothing() {
    InputStream broken = new InputStream() {
      int n;

      @Override
      public int read() throws IOException {
        if (n++ > 5) {
          throw new IOException("client went away");
        }
        return 'x';
      }
    };
    assertThatThrownBy(() -> store.put(DIGEST, broken)).isInstanceOf(RuntimeException.class);
    assertThat(store.stat(DIGEST)).isEmpty();
  }

  @Test
  void put_sameBlobTwiceRefreshesItsAge() throws Exception {
    store.put(DIGEST, new ByteArrayInputStream(CONTENT));
    clock.advance(java.time.Duration.ofHours(3));
    assertThat(store.put(DIGEST, new ByteArrayInputStream(CONTENT)).modified()).isEqualTo(clock.instant());
  }

  @Test
  void put_concurrentWritersOfOneDigestYieldOneBlob() throws Exception {
    byte[] big = new byte[2_000_000];
    new Random(7).nextBytes(big);
    Digest d = Digest.sha256(big);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<BlobInfo>> f = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      f.add(pool.submit(() -> store.put(d, new ByteArrayInputStream(big))));
    }
    for (Future<BlobInfo> x : f) {
      assertThat(x.get().size()).isEqualTo(big.length);
    }
    pool.shutdown();
    assertThat(read(store.open(d).orElseThrow())).isEqualTo(big);
  }

  @Test
  void sha512_isSupported() throws Exception {
    Digest d = Digest.of(Digest.SHA512, CONTENT);
    store.put(d, new ByteArrayInputStream(CONTENT));
    assertThat(read(store.open(d).orElseThrow())).isEqualTo(CONTENT);
    assertThat(store.verify(d)).isTrue();
  }

  @Test
  void uploads_appendInOrderAndCommit() throws Exception {
    UploadSessions u = store.uploads();
    u.create("s1");
    assertThat(u.append("s1", 0, new ByteArrayInputStream(CONTENT, 0, 5))).isEqualTo(5);
    assertThatThrownBy(() -> u.append("s1", 3, new ByteArrayInputStream(CONTENT)))
        .isInstanceOf(UploadOffsetException.class);
    assertThat(u.size("s1")).isEqualTo(5);
    u.append("s1", 5, new ByteArrayInputStream(Arrays.copyOfRange(CONTENT, 5, CONTENT.length)));
    assertThat(u.commit("s1", DIGEST).size()).isEqualTo(CONTENT.length);
    assertThat(read(store.open(DIGEST).orElseThrow())).isEqualTo(CONTENT);
    assertThatThrownBy(() -> u.size("s1")).isInstanceOf(UnknownUploadException.class);
  }

  @Test
  void uploads_survivePersistenceAndVerifyAtCommit() throws Exception {
    store.uploads().create("s2");
    store.uploads().append("s2", 0, new ByteArrayInputStream(CONTENT, 0, 4));
    store.close();
    store = create(dir, clock);
    store.uploads().append("s2", 4, new ByteArrayInputStream(Arrays.copyOfRange(CONTENT, 4, CONTENT.length)));
    Digest wrong = Digest.sha256("nope".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> store.uploads().commit("s2", wrong)).isInstanceOf(BlobDigestMismatchException.class);
    assertThat(store.stat(wrong)).isEmpty();
    assertThatThrownBy(() -> store.uploads().size("s2")).isInstanceOf(UnknownUploadException.class);
  }

  @Test
  void uploads_commitWithSha512() throws Exception {
    store.uploads().create("s3");
    store.uploads().append("s3", 0, new ByteArrayInputStream(CONTENT));
    Digest d = Digest.of(Digest.SHA512, CONTENT);
    store.uploads().commit("s3", d);
    assertThat(store.verify(d)).isTrue();
  }

  @Test
  void uploads_cancelRemovesData() throws Exception {
    store.uploads().create("s4");
    store.uploads().append("s4", 0, new ByteArrayInputStream(CONTENT));
    List<UploadSessions.UploadInfo> open = new ArrayList<>();
    store.uploads().list(open::add);
    assertThat(open).extracting(UploadSessions.UploadInfo::id).containsExactly("s4");
    assertThat(store.uploads().cancel("s4")).isTrue();
    assertThat(store.uploads().cancel("s4")).isFalse();
    List<UploadSessions.UploadInfo> after = new ArrayList<>();
    store.uploads().list(after::add);
    assertThat(after).isEmpty();
    assertThatThrownBy(() -> store.uploads().append("s4", 0, new ByteArrayInputStream(CONTENT)))
        .isInstanceOf(UnknownUploadException.class);
  }

  @Test
  void uploads_unknownOrHostileIdsAreUnknown() {
    assertThatThrownBy(() -> store.uploads().size("../../etc")).isInstanceOf(UnknownUploadException.class);
    assertThatThrownBy(() -> store.uploads().size("missing")).isInstanceOf(UnknownUploadException.class);
  }

  @Test
  void uploads_interruptedAppendKeepsTheSessionConsistent() throws Exception {
    store.uploads().create("s5");
    store.uploads().append("s5", 0, new ByteArrayInputStream(CONTENT, 0, 4));
    InputStream broken = new InputStream() {
      int n;

      @Override
      public int read() throws IOException {
        if (n++ > 2) {
          throw new java.io.UncheckedIOException(new IOException("gone"));
        }
        return 'z';
      }
    };
    assertThatThrownBy(() -> store.uploads().append("s5", 4, broken)).isInstanceOf(RuntimeException.class);
    assertThat(store.uploads().size("s5")).isEqualTo(4);
    store.uploads().append("s5", 4, new ByteArrayInputStream(Arrays.copyOfRange(CONTENT, 4, CONTENT.length)));
    store.uploads().commit("s5", DIGEST);
    assertThat(store.verify(DIGEST)).isTrue();
  }
}
