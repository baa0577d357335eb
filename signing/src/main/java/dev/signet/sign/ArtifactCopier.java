package dev.signet.sign;

import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.Manifests;
import dev.signet.oci.OciModelException;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.ReferrersTagSchema;
import dev.signet.sign.internal.BlobCopier;
import dev.signet.sign.internal.LegacySignatureStore;
import dev.signet.sign.internal.Pauser;
import dev.signet.sign.internal.ReferrerWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies an image or index and <em>every</em> accessory attached to it (legacy {@code .sig/.att/.sbom}
 * tags, OCI 1.1 referrers, and accessories of accessories) to another repository, so that
 * {@code verify} passes at the destination. Within one registry blobs are mounted, not re-uploaded.
 * The destination tag is written last, once everything it needs is in place.
 */
public final class ArtifactCopier {
  private final RegistryClient client;
  private final ImageResolver resolver;
  private final AccessoryScanner scanner;
  private final BlobCopier blobs;
  private final LegacySignatureStore legacyStore;
  private final ReferrerWriter referrers;

  public ArtifactCopier(RegistryClient client, ProgressListener progress, Pauser pauser) {
    this.client = client;
    this.resolver = new ImageResolver(client);
    this.scanner = new AccessoryScanner(client);
    this.blobs = new BlobCopier(client, progress);
    this.legacyStore = new LegacySignatureStore(client, pauser);
    this.referrers = new ReferrerWriter(client, pauser);
  }

  public CopyReport copy(ImageReference src, ImageReference dst, CopyOptions options) throws SigningException {
    ResolvedImage root = resolver.fetch(src);
    Repository from = src.repository();
    Repository to = dst.repository();
    checkDestination(root, dst, options);
    Stats stats = new Stats();
    try {
      List<ResolvedImage> images = resolver.walk(root);
      List<ResolvedImage> childrenFirst = new ArrayList<>(images);
      Collections.reverse(childrenFirst);
      for (ResolvedImage image : childrenFirst) {
        Manifest m = image.manifest().isPresent()
            ? new Manifest(image.manifest().get(), image.mediaType().orElseThrow(), image.digest(), Optional.empty())
            : client.getManifest(image.byDigest());
        copyManifest(from, to, m, m.digest().toString(), stats);
      }
      List<Accessory> copied = new ArrayList<>();
      for (ResolvedImage image : images) {
        for (Accessory a : scanner.scan(from, image.digest())) {
          if (options.includes(a)) {
            copyAccessory(from, to, a, stats);
            copied.add(a);
          }
        }
      }
      if (dst.tag().isPresent()) {
        client.putManifest(to, dst.tag().get(), root.manifest().get(), root.mediaType().orElseThrow());
      }
      return new CopyReport(root.digest(), copied, stats.copied, stats.mounted, stats.skipped, stats.bytes);
    } catch (RegistryException | IOException | OciModelException e) {
      throw new SigningException("copy " + src + " to " + dst + ": " + e.getMessage(), e);
    }
  }

  private void checkDestination(ResolvedImage root, ImageReference dst, CopyOptions options) throws SigningException {
    if (dst.digest().isPresent() && !dst.digest().get().equals(root.digest())) {
      throw new SigningException("copy to " + dst + ": the source is " + root.digest()
          + ", so it cannot be stored under another digest; give the destination a tag instead");
    }
    if (options.force() || dst.tag().isEmpty()) {
      return;
    }
    try {
      Optional<ManifestHead> existing = client.headManifest(dst);
      if (existing.isPresent() && !existing.get().digest().equals(root.digest())) {
        throw new SigningException("copy to " + dst + ": the destination tag already points to "
            + existing.get().digest() + "; use --force to overwrite it");
      }
    } catch (RegistryException e) {
      throw new SigningException("check destination " + dst + ": " + e.getMessage(), e);
    }
  }

  private void copyAccessory(Repository from, Repository to, Accessory a, Stats stats)
      throws RegistryException, IOException, OciModelException, SigningException {
    Manifest m = client.getManifest(ImageReference.of(from, a.digest()));
    if (a.legacyTag().isPresent()) {
      copyLegacy(from, to, m, SignatureTags.tag(a.subject(), a.legacyTag().get()), stats);
    } else {
      copyManifest(from, to, m, a.digest().toString(), stats);
      if (!client.supportsReferrersApi(to)) {
        referrers.linkInFallbackIndex(to, a.subject(), ReferrersTagSchema.descriptorOf(m.bytes(), m.mediaType()));
      }
    }
    for (Accessory child : a.children()) {
      copyAccessory(from, to, child, stats);
    }
  }

  /** A legacy tag: written verbatim when absent; merged layer by layer into an existing one. */
  private void copyLegacy(Repository from, Repository to, Manifest m, String tag, Stats stats)
      throws RegistryException, IOException, OciModelException, SigningException {
    copyBlobs(from, to, m, stats);
    Optional<ManifestHead> existing = client.headManifest(ImageReference.of(to, tag));
    if (existing.isEmpty()) {
      client.putManifest(to, tag, m.bytes(), m.mediaType());
      return;
    }
    if (existing.get().digest().equals(m.digest())) {
      return;
    }
    boolean docker = dev.signet.oci.MediaTypes.DOCKER_MANIFEST.equals(m.mediaType());
    for (Descriptor layer : LegacySignatureImage.parse(m.bytes()).layers()) {
      byte[] content = client.getBlob(to, layer.parsedDigest(), 128L << 20);
      String sig = layer.annotationsOrEmpty().get(SignatureAnnotations.SIGNATURE);
      legacyStore.append(to, tag, layer, content, docker,
          old -> Objects.equals(old.annotationsOrEmpty().get(SignatureAnnotations.SIGNATURE), sig));
    }
  }

  private void copyManifest(Repository from, Repository to, Manifest m, String reference, Stats stats)
      throws RegistryException, IOException, OciModelException {
    copyBlobs(from, to, m, stats);
    client.putManifest(to, reference, m.bytes(), m.mediaType());
  }

  private void copyBlobs(Repository from, Repository to, Manifest m, Stats stats)
      throws RegistryException, IOException, OciModelException {
    if (m.isIndex()) {
      return; // children are copied as manifests of their own
    }
    ImageManifest parsed = Manifests.parseManifest(m.bytes());
    List<Descriptor> all = new ArrayList<>();
    if (parsed.config() != null) {
      all.add(parsed.config());
    }
    all.addAll(parsed.layers());
    for (Descriptor d : all) {
      Digest digest = d.parsedDigest();
      switch (blobs.copy(from, to, digest, d.size())) {
        case SKIPPED -> stats.skipped++;
        case MOUNTED -> stats.mounted++;
        case COPIED -> {
          stats.copied++;
          stats.bytes += d.size();
        }
      }
    }
  }

  private static final class Stats {
    int copied;
    int mounted;
    int skipped;
    long bytes;
  }
}
