package dev.signet.registry.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link MetadataStore} must do; an implementation's test only supplies {@link #create}. */
public abstract class MetadataStoreContractTest {
  protected static final String REPO = "team/app";
  protected static final Digest BLOB = digest("blob");

  @TempDir protected Path dir;
  protected MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  protected MetadataStore store;

  /** A store over {@code dir}; called again with the same directory to test persistence. */
  protected abstract MetadataStore create(Path dir, Clock clock);

  @BeforeEach
  void open() {
    store = create(dir, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  protected static Digest digest(String s) {
    return Digest.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  private ManifestRecord manifest(String seed, Digest subject, String artifactType) {
    byte[] content = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    return new ManifestRecord(Digest.sha256(content), MediaTypes.OCI_MANIFEST, content, subject, artifactType,
        Map.of("a", seed), "OTHER", clock.instant());
  }

  private ManifestWrite write(ManifestRecord m, List<String> tags, Condition c, Link... links) {
    return new ManifestWrite(REPO, m, List.of(Reference.blob(BLOB)), List.of(links), tags, c);
  }

  private ManifestRecord put(String seed, String... tags) throws Exception {
    store.linkBlob(REPO, BLOB, 4);
    ManifestRecord m = manifest(seed, null, null);
    store.putManifest(write(m, List.of(tags), Condition.NONE));
    return m;
  }

  private ManifestRecord putReferrer(String seed, Digest subject, String type) throws Exception {
    store.linkBlob(REPO, BLOB, 4);
    ManifestRecord m = manifest(seed, subject, type);
    store.putManifest(write(m, List.of(), Condition.NONE, new Link(subject, m.digest(), LinkKind.SUBJECT)));
    return m;
  }

  @Test
  void manifestsAndTags_roundTripAndPersist() throws Exception {
    ManifestRecord m = put("one", "v1", "latest");
    assertThat(store.manifest(REPO, m.digest())).contains(m);
    assertThat(store.resolveTag(REPO, "v1")).contains(m.digest());
    assertThat(store.manifestByTag(REPO, "v1")).contains(m);
    assertThat(store.manifestByTag(REPO, "nope")).isEmpty();
    assertThat(store.repositoryExists(REPO)).isTrue();
    assertThat(store.tags(REPO, null, 10).items()).containsExactly("latest", "v1");
    store.close();
    store = create(dir, clock);
    assertThat(store.manifest(REPO, m.digest())).contains(m);
    assertThat(store.resolveTag(REPO, "latest")).contains(m.digest());
  }

  @Test
  void putManifest_refusesMissingReferences() {
    ManifestRecord m = manifest("x", null, null);
    assertThatThrownBy(() -> store.putManifest(write(m, List.of("t"), Condition.NONE)))
        .isInstanceOf(MissingReferenceException.class);
    assertThat(store.manifest(REPO, m.digest())).isEmpty();
    assertThat(store.resolveTag(REPO, "t")).isEmpty();
    ManifestRecord index = manifest("index", null, null);
    assertThatThrownBy(() -> store.putManifest(new ManifestWrite(REPO, index,
        List.of(Reference.manifest(digest("child"))), List.of(), List.of(), Condition.NONE)))
        .isInstanceOf(MissingReferenceException.class);
  }

  @Test
  void conditions_guardTagMovesAtomically() throws Exception {
    ManifestRecord a = put("a", "t");
    store.linkBlob(REPO, BLOB, 4);
    ManifestRecord b = manifest("b", null, null);
    Condition ifA = new Condition(List.of("\"" + a.digest() + "\""), List.of());
    assertThat(store.putManifest(write(b, List.of("t"), ifA))).isTrue();
    ManifestRecord c = manifest("c", null, null);
    assertThatThrownBy(() -> store.putManifest(write(c, List.of("t"), ifA)))
        .isInstanceOf(ConditionFailedException.class);
    assertThat(store.manifest(REPO, c.digest())).isEmpty();
    assertThat(store.resolveTag(REPO, "t")).contains(b.digest());
    Condition create = new Condition(List.of(), List.of("*"));
    assertThatThrownBy(() -> store.putManifest(write(c, List.of("t"), create)))
        .isInstanceOf(ConditionFailedException.class);
    assertThat(store.putManifest(write(c, List.of("fresh"), create))).isTrue();
  }

  @Test
  void tags_paginateInOrder() throws Exception {
    put("m", "c", "a", "e", "b", "d");
    Page<String> p1 = store.tags(REPO, null, 2);
    assertThat(p1.items()).containsExactly("a", "b");
    assertThat(p1.more()).isTrue();
    Page<String> p3 = store.tags(REPO, "d", 2);
    assertThat(p3.items()).containsExactly("e");
    assertThat(p3.more()).isFalse();
    assertThat(store.repositories(null, 10).items()).containsExactly(REPO);
  }

  @Test
  void batchReads_equalTheSingleLookUpsAcrossMoreKeysThanOneStatementHolds() throws Exception {
    java.util.List<Digest> digests = new java.util.ArrayList<>();
    java.util.List<String> tags = new java.util.ArrayList<>();
    java.util.List<Digest> subjects = new java.util.ArrayList<>();
    for (int i = 0; i < 620; i++) {
      ManifestRecord m = put("batch" + i, "t" + i);
      digests.add(m.digest());
      tags.add("t" + i);
      if (i % 3 == 0) {
        putReferrer("ref" + i, m.digest(), "application/sig");
        putReferrer("ref2-" + i, m.digest(), "application/sbom");
      }
      subjects.add(m.digest());
    }
    digests.add(digest("absent"));
    tags.add("absent");
    subjects.add(digest("absent subject"));

    java.util.Map<Digest, ManifestRecord> byDigest = store.manifests(REPO, digests);
    java.util.Map<String, ManifestRecord> byTag = store.manifestsByTag(REPO, tags);
    java.util.Map<Digest, List<Descriptor>> referrers = store.referrers(REPO, subjects);

    assertThat(byDigest).hasSize(620).doesNotContainKey(digest("absent"));
    assertThat(byTag).hasSize(620).doesNotContainKey("absent");
    for (int i = 0; i < 620; i++) {
      assertThat(byDigest.get(digests.get(i))).isEqualTo(store.manifest(REPO, digests.get(i)).orElseThrow());
      assertThat(byTag.get("t" + i)).isEqualTo(store.manifestByTag(REPO, "t" + i).orElseThrow());
      List<Descriptor> single = store.referrers(REPO, subjects.get(i), null);
      assertThat(referrers.getOrDefault(subjects.get(i), List.of())).isEqualTo(single);
      assertThat(single).hasSize(i % 3 == 0 ? 2 : 0);
    }
    assertThat(store.manifests("other/repo", digests)).isEmpty();
    assertThat(store.linkedBlobs(REPO, List.of(BLOB, digest("unlinked")))).containsExactly(BLOB);
    assertThat(store.linkedBlobs("other/repo", List.of(BLOB))).isEmpty();
  }

  @Test
  void referrers_areIndexedAndFiltered() throws Exception {
    Digest subject = digest("subject");
    ManifestRecord sig = putReferrer("sig", subject, "application/sig");
    ManifestRecord sbom = putReferrer("sbom", subject, "application/sbom");
    putReferrer("elsewhere", digest("other"), "application/sig");
    List<Descriptor> all = store.referrers(REPO, subject, null);
    assertThat(all).extracting(Descriptor::digest).containsExactlyInAnyOrder(sig.digest().toString(),
        sbom.digest().toString());
    Descriptor d = store.referrers(REPO, subject, "application/sig").get(0);
    assertThat(d.digest()).isEqualTo(sig.digest().toString());
    assertThat(d.size()).isEqualTo(sig.size());
    assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(d.artifactType()).isEqualTo("application/sig");
    assertThat(d.annotations()).containsEntry("a", "sig");
    assertThat(store.referrers("other/repo", subject, null)).isEmpty();
  }

  @Test
  void version_changesWithEveryWriteAndNotWithReads() throws Exception {
    Digest subject = digest("subject");
    long v0 = store.version();
    putReferrer("sig", subject, "application/sig");
    long v1 = store.version();
    assertThat(v1).isNotEqualTo(v0);
    store.referrers(REPO, subject, null);
    store.accessories(REPO, subject);
    assertThat(store.version()).isEqualTo(v1);
    store.deleteManifest(REPO, store.referrers(REPO, subject, null).get(0).parsedDigest());
    assertThat(store.version()).isNotEqualTo(v1);
  }

  @Test
  void accessories_listEveryLinkKind() throws Exception {
    Digest subject = put("subject", "v1").digest();
    store.linkBlob(REPO, BLOB, 4);
    ManifestRecord legacy = manifest("legacy", null, null);
    store.putManifest(write(legacy, List.of("sha256-x.sig"), Condition.NONE,
        new Link(subject, legacy.digest(), LinkKind.SIGNATURE_TAG)));
    ManifestRecord ref = putReferrer("ref", subject, "application/x");
    List<AccessoryRecord> list = store.accessories(REPO, subject);
    assertThat(list).extracting(AccessoryRecord::digest).containsExactlyInAnyOrder(legacy.digest(), ref.digest());
    assertThat(list).filteredOn(a -> a.digest().equals(legacy.digest())).singleElement()
        .satisfies(a -> assertThat(a.via()).containsExactly(LinkKind.SIGNATURE_TAG));
  }

  @Test
  void putManifest_replacesScopedLinksInTheSameTransaction() throws Exception {
    Digest subject = digest("subject");
    store.linkBlob(REPO, BLOB, 4);
    ManifestRecord a = manifest("a", null, null);
    store.putManifest(write(a, List.of(), Condition.NONE, new Link(subject, a.digest(), LinkKind.FALLBACK_ENTRY)));
    ManifestRecord b = manifest("b", null, null);
    ManifestWrite.LinkScope scope = new ManifestWrite.LinkScope(subject, EnumSet.of(LinkKind.FALLBACK_ENTRY));
    store.putManifest(new ManifestWrite(REPO, b, List.of(Reference.blob(BLOB)),
        List.of(new Link(subject, b.digest(), LinkKind.FALLBACK_ENTRY)), List.of(), Condition.NONE, List.of(scope)));
    assertThat(store.accessories(REPO, subject)).extracting(AccessoryRecord::digest).containsExactly(b.digest());
  }

  @Test
  void deleteManifest_cascadesToAccessoriesButKeepsSharedOnes() throws Exception {
    Digest subject = put("subject", "v1").digest();
    Digest other = put("other", "v2").digest();
    ManifestRecord sig = putReferrer("sig", subject, "application/sig");
    ManifestRecord sigOfSig = putReferrer("sigsig", sig.digest(), "application/sig");
    store.linkBlob(REPO, BLOB, 4);
    ManifestRecord shared = manifest("shared", null, null);
    store.putManifest(write(shared, List.of(), Condition.NONE, new Link(subject, shared.digest(),
        LinkKind.FALLBACK_ENTRY), new Link(other, shared.digest(), LinkKind.FALLBACK_ENTRY)));
    List<Digest> deleted = store.deleteManifest(REPO, subject);
    assertThat(deleted).containsExactlyInAnyOrder(subject, sig.digest(), sigOfSig.digest());
    assertThat(store.manifest(REPO, shared.digest())).isPresent();
    assertThat(store.resolveTag(REPO, "v1")).isEmpty();
    assertThat(store.referrers(REPO, subject, null)).isEmpty();
    assertThat(store.deleteManifest(REPO, subject)).isEmpty();
  }

  @Test
  void deleteTag_keepsTheManifestAndDetachesRequestedLinks() throws Exception {
    Digest subject = put("subject", "v1").digest();
    store.linkBlob(REPO, BLOB, 4);
    ManifestRecord sig = manifest("legacy", null, null);
    String tag = "sha256-" + subject.hex() + ".sig";
    store.putManifest(write(sig, List.of(tag), Condition.NONE, new Link(subject, sig.digest(), LinkKind.SIGNATURE_TAG)));
    assertThat(store.deleteTag(REPO, tag, subject, EnumSet.of(LinkKind.SIGNATURE_TAG))).isTrue();
    assertThat(store.deleteTag(REPO, tag, subject, Set.of())).isFalse();
    assertThat(store.manifest(REPO, sig.digest())).isPresent();
    assertThat(store.accessories(REPO, subject)).isEmpty();
  }

  @Test
  void blobLinksAndUploads() {
    assertThat(store.linkedBlob(REPO, BLOB)).isEmpty();
    store.linkBlob(REPO, BLOB, 42);
    assertThat(store.linkedBlob(REPO, BLOB)).contains(42L);
    assertThat(store.unlinkBlob(REPO, BLOB)).isTrue();
    assertThat(store.unlinkBlob(REPO, BLOB)).isFalse();
    store.createUpload("u1", REPO);
    assertThat(store.uploadRepository("u1")).contains(REPO);
    store.completeUpload("u1", REPO, BLOB, 7);
    assertThat(store.uploadRepository("u1")).isEmpty();
    assertThat(store.linkedBlob(REPO, BLOB)).contains(7L);
    store.createUpload("u2", REPO);
    clock.advance(Duration.ofHours(2));
    assertThat(store.uploadsCreatedBefore(clock.instant().minus(Duration.ofHours(1)))).containsExactly("u2");
    assertThat(store.deleteUpload("u2")).isTrue();
  }

  @Test
  void reachability_followsTagsChildrenAndAccessories() throws Exception {
    ManifestRecord tagged = put("tagged", "v1");
    ManifestRecord child = put("child");
    ManifestRecord index = manifest("index", null, null);
    store.putManifest(new ManifestWrite(REPO, index, List.of(Reference.manifest(child.digest())), List.of(),
        List.of("multi"), Condition.NONE));
    ManifestRecord sig = putReferrer("sig", tagged.digest(), "application/sig");
    ManifestRecord sigOfChild = putReferrer("childsig", child.digest(), "application/sig");
    ManifestRecord orphan = putReferrer("orphan", digest("absent"), "application/sig");
    ManifestRecord untagged = put("untagged");
    clock.advance(Duration.ofHours(2));
    Instant cutoff = clock.instant().minus(Duration.ofHours(1));
    assertThat(store.unreachableManifests(cutoff)).extracting(ManifestKey::digest)
        .containsExactlyInAnyOrder(orphan.digest(), untagged.digest());
    ManifestRecord young = put("young");
    assertThat(store.deleteUnreachableManifests(cutoff)).extracting(ManifestKey::digest)
        .containsExactlyInAnyOrder(orphan.digest(), untagged.digest());
    for (ManifestRecord kept : List.of(tagged, child, index, sig, sigOfChild, young)) {
      assertThat(store.manifest(REPO, kept.digest())).as(kept.toString()).isPresent();
    }
    assertThat(store.referencedBlobs()).containsExactly(BLOB);
  }

  @Test
  void sweepBlob_onlyWhenUnreferencedAndNotRecentlyLinked() throws Exception {
    put("m", "v1");
    Digest loose = digest("loose");
    store.linkBlob(REPO, loose, 3);
    List<String> deletedContent = new ArrayList<>();
    Instant cutoff = clock.instant().minus(Duration.ofHours(1));
    assertThat(store.sweepBlob(BLOB, clock.instant().plusSeconds(1), () -> deletedContent.add("blob"))).isFalse();
    assertThat(store.sweepBlob(loose, cutoff, () -> deletedContent.add("loose"))).isFalse();
    clock.advance(Duration.ofHours(2));
    assertThat(store.sweepBlob(loose, clock.instant().minus(Duration.ofHours(1)), () -> deletedContent.add("loose")))
        .isTrue();
    assertThat(deletedContent).containsExactly("loose");
    assertThat(store.linkedBlob(REPO, loose)).isEmpty();
  }

  @Test
  void forEachManifest_andIntegrity() throws Exception {
    ManifestRecord m = put("m", "v1");
    List<Optional<Reference>> refs = new ArrayList<>();
    store.forEachManifest((repo, rec, r) -> {
      assertThat(rec).isEqualTo(m);
      refs.add(r.stream().findFirst());
    });
    assertThat(refs).containsExactly(Optional.of(Reference.blob(BLOB)));
    assertThat(store.integrityCheck()).isEmpty();
  }
}
