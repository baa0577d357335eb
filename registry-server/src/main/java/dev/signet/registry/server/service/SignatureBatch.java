package dev.signet.registry.server.service;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.ManifestRecord;
import dev.signet.registry.server.storage.MetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signet's batch read of signatures: for many subjects of one repository, the subject's descriptor, its
 * referrers (as the referrers API lists them) and its legacy {@code .sig}/{@code .att} images, with the
 * manifests and small layers inline. The store is asked a fixed number of batch queries, whatever the
 * number of subjects. Every manifest returned passes the same pull check as a manifest GET; one that would
 * be refused is answered with the refusal instead of its bytes.
 */
public final class SignatureBatch {
  public static final int MAX_SUBJECTS = 1000;
  public static final int DEFAULT_INLINE_LIMIT = 64 * 1024;
  public static final int MAX_INLINE_LIMIT = 1024 * 1024;
  /** Inline bytes per answer, across all subjects; past it blobs are left for the client to fetch. */
  public static final long INLINE_BUDGET = 32L << 20;

  private final MetadataStore meta;
  private final BlobStore blobStore;
  private final ManifestService manifests;

  SignatureBatch(MetadataStore meta, BlobStore blobStore, ManifestService manifests) {
    this.meta = meta;
    this.blobStore = blobStore;
    this.manifests = manifests;
  }

  /**
   * A manifest attached to a subject: its descriptor (referrers only), tag (legacy images only), the stored
   * manifest, the inline layers; or, when a GET would refuse it, the refusal instead of manifest and blobs.
   */
  public record Artifact(Descriptor descriptor, String tag, ManifestRecord manifest, Map<Digest, byte[]> blobs,
      RegistryException refused) {}

  /** The answer for one subject: {@code error} set (and nothing else) when it cannot be served. */
  public record Answer(ManifestRecord subject, List<Artifact> referrers, Artifact legacy, Artifact attestations,
      RegistryException error) {}

  /**
   * Answers every subject (a digest or tag of {@code repo}), keyed as given.
   *
   * @param inlineLimit inline layers up to this size (clamped to {@link #MAX_INLINE_LIMIT}); null: the default
   * @throws RegistryException 400 for an empty or too long list, or a subject that is neither digest nor tag
   */
  public Map<String, Answer> read(String repo, List<String> subjects, Integer inlineLimit, Principal principal)
      throws RegistryException {
    if (subjects.isEmpty() || subjects.size() > MAX_SUBJECTS) {
      throw RegistryException.withStatus(ErrorCode.UNSUPPORTED, 400, "\"subjects\" must list 1 to " + MAX_SUBJECTS
          + " digests or tags (got " + subjects.size() + ")");
    }
    if (inlineLimit != null && inlineLimit < 0) {
      throw RegistryException.withStatus(ErrorCode.UNSUPPORTED, 400, "\"inlineLimit\" must not be negative");
    }
    int limit = inlineLimit == null ? DEFAULT_INLINE_LIMIT : Math.min(inlineLimit, MAX_INLINE_LIMIT);
    Set<Digest> digests = new LinkedHashSet<>();
    Set<String> tags = new LinkedHashSet<>();
    for (String s : subjects) {
      if (s == null) {
        throw RegistryException.withStatus(ErrorCode.UNSUPPORTED, 400, "\"subjects\" must hold strings only");
      }
      if (Names.looksLikeDigest(s)) {
        digests.add(Names.digest(s));
      } else if (Names.isTag(s)) {
        tags.add(s);
      } else {
        throw RegistryException.of(ErrorCode.MANIFEST_INVALID, "invalid tag",
            (s.length() > 200 ? s.substring(0, 200) + "…" : s) + " is neither a digest nor a valid tag");
      }
    }
    Map<Digest, ManifestRecord> byDigest = meta.manifests(repo, digests);
    Map<String, ManifestRecord> byTag = meta.manifestsByTag(repo, tags);

    Map<String, Answer> out = new LinkedHashMap<>();
    Map<String, ManifestRecord> served = new LinkedHashMap<>();
    for (String s : subjects) {
      ManifestRecord m = Names.looksLikeDigest(s) ? byDigest.get(Names.digest(s)) : byTag.get(s);
      if (m == null) {
        out.put(s, failed(RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, "manifest unknown to registry", s)));
        continue;
      }
      try {
        manifests.checkPull(repo, s, m, principal);
        served.put(s, m);
      } catch (RegistryException e) {
        out.put(s, failed(e));
      }
    }
    Set<Digest> servedDigests = new LinkedHashSet<>();
    served.values().forEach(m -> servedDigests.add(m.digest()));
    Map<Digest, List<Descriptor>> referrers = meta.referrers(repo, servedDigests);
    List<String> legacyTags = new ArrayList<>();
    for (Digest d : servedDigests) {
      legacyTags.add(SignatureTags.signatureTag(d));
      legacyTags.add(SignatureTags.attestationTag(d));
    }
    Map<String, ManifestRecord> legacy = meta.manifestsByTag(repo, legacyTags);
    Set<Digest> referrerDigests = new LinkedHashSet<>();
    for (List<Descriptor> list : referrers.values()) {
      for (Descriptor r : list) {
        referrerDigests.add(stored(r));
      }
    }
    Map<Digest, ManifestRecord> referrerManifests = meta.manifests(repo, referrerDigests);

    Inliner inliner = new Inliner(repo, limit);
    Map<Digest, Answer> perDigest = new LinkedHashMap<>();
    for (Map.Entry<String, ManifestRecord> e : served.entrySet()) {
      ManifestRecord m = e.getValue();
      Answer a = perDigest.get(m.digest());
      if (a == null) {
        List<Artifact> refs = new ArrayList<>();
        for (Descriptor d : referrers.getOrDefault(m.digest(), List.of())) {
          ManifestRecord r = referrerManifests.get(stored(d));
          if (r != null) { // deleted between the two queries: listed no more
            refs.add(artifact(repo, d, null, r, d.digest(), principal));
          }
        }
        Artifact sig = legacyArtifact(repo, legacy, SignatureTags.signatureTag(m.digest()), principal);
        Artifact att = legacyArtifact(repo, legacy, SignatureTags.attestationTag(m.digest()), principal);
        a = new Answer(m, List.copyOf(refs), sig, att, null);
        perDigest.put(m.digest(), a);
        inliner.plan(a);
      }
      out.put(e.getKey(), a);
    }
    inliner.fill();
    Map<String, Answer> ordered = new LinkedHashMap<>();
    subjects.forEach(s -> ordered.put(s, out.get(s)));
    return ordered;
  }

  private Artifact legacyArtifact(String repo, Map<String, ManifestRecord> legacy, String tag, Principal principal) {
    ManifestRecord m = legacy.get(tag);
    return m == null ? null : artifact(repo, null, tag, m, tag, principal);
  }

  private Artifact artifact(String repo, Descriptor d, String tag, ManifestRecord m, String reference,
      Principal principal) {
    try {
      manifests.checkPull(repo, reference, m, principal);
      return new Artifact(d, tag, m, new LinkedHashMap<>(), null);
    } catch (RegistryException e) {
      return new Artifact(d, tag, null, Map.of(), e);
    }
  }

  /** A descriptor's digest as the store wrote it (always valid: it was parsed before it was stored). */
  private static Digest stored(Descriptor d) {
    try {
      return d.parsedDigest();
    } catch (dev.signet.oci.InvalidDigestException e) {
      throw new IllegalStateException("corrupt digest in the store: " + d.digest(), e);
    }
  }

  private static Answer failed(RegistryException e) {
    return new Answer(null, List.of(), null, null, e);
  }

  /** Collects the small layers of every served artifact, then reads them (one link query) within the budget. */
  private final class Inliner {
    private final String repo;
    private final int limit;
    private final List<Artifact> artifacts = new ArrayList<>();
    private final Map<Digest, Long> wanted = new LinkedHashMap<>();

    Inliner(String repo, int limit) {
      this.repo = repo;
      this.limit = limit;
    }

    void plan(Answer a) {
      List<Artifact> all = new ArrayList<>(a.referrers());
      if (a.legacy() != null) {
        all.add(a.legacy());
      }
      if (a.attestations() != null) {
        all.add(a.attestations());
      }
      for (Artifact art : all) {
        if (art.manifest() == null) {
          continue;
        }
        artifacts.add(art);
        layers(art.manifest()).forEach(b -> {
          if (b.size() <= limit) {
            wanted.putIfAbsent(b.digest(), b.size());
          }
        });
      }
    }

    void fill() {
      if (wanted.isEmpty()) {
        return;
      }
      Set<Digest> linked = meta.linkedBlobs(repo, wanted.keySet());
      Map<Digest, byte[]> read = new LinkedHashMap<>();
      long budget = INLINE_BUDGET;
      for (Map.Entry<Digest, Long> w : wanted.entrySet()) {
        if (!linked.contains(w.getKey()) || w.getValue() > budget) {
          continue;
        }
        readBlob(w.getKey(), w.getValue()).ifPresent(bytes -> read.put(w.getKey(), bytes));
        budget -= w.getValue();
      }
      for (Artifact art : artifacts) {
        for (ParsedManifest.Blob b : layers(art.manifest())) {
          byte[] bytes = read.get(b.digest());
          if (bytes != null) {
            art.blobs().put(b.digest(), bytes);
          }
        }
      }
    }
  }

  private static List<ParsedManifest.Blob> layers(ManifestRecord m) {
    try {
      return ManifestParser.parse(m.content(), m.mediaType()).layers();
    } catch (RegistryException | RuntimeException e) {
      return List.of(); // stored manifests were valid when pushed; nothing to inline otherwise
    }
  }

  private Optional<byte[]> readBlob(Digest digest, long size) {
    Optional<SeekableByteChannel> ch = blobStore.open(digest);
    if (ch.isEmpty()) {
      return Optional.empty();
    }
    try (SeekableByteChannel c = ch.get(); InputStream in = Channels.newInputStream(c)) {
      byte[] bytes = in.readNBytes((int) size + 1);
      return bytes.length == size ? Optional.of(bytes) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // the client fetches it normally and gets the real error there
    }
  }
}
