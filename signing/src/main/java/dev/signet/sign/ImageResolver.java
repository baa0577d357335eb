package dev.signet.sign;

import dev.signet.oci.Digest;
import dev.signet.oci.ImageIndex;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pins references to digests the way cosign does: a tag is resolved with a GET of its manifest. */
public final class ImageResolver {
  private final RegistryClient client;

  public ImageResolver(RegistryClient client) {
    this.client = client;
  }

  /**
   * Resolves {@code ref}. A tag must exist ({@link VerificationException.Reason#IMAGE_NOT_FOUND}
   * otherwise); a digest that the registry does not hold resolves with an empty media type.
   */
  public ResolvedImage resolve(ImageReference ref) throws SigningException {
    try {
      if (ref.digest().isPresent()) {
        Optional<ManifestHead> head = client.headManifest(ref);
        return new ResolvedImage(
            ref,
            ref.digest().get(),
            head.map(ManifestHead::mediaType),
            head.map(ManifestHead::size).orElse(0L),
            Optional.empty());
      }
      Manifest m = client.getManifest(ref);
      return new ResolvedImage(ref, m.digest(), Optional.of(m.mediaType()), m.size(), Optional.of(m.bytes()));
    } catch (NotFoundException e) {
      throw new VerificationException(
          VerificationException.Reason.IMAGE_NOT_FOUND, "image tag not found: " + ref, e);
    } catch (RegistryException e) {
      throw new SigningException("resolve " + ref + ": " + e.getMessage(), e);
    }
  }

  /**
   * Resolves every reference, {@code workers} at a time, in the order given; the first failure in that
   * order is thrown (the others are not waited for).
   */
  public List<ResolvedImage> resolveAll(List<ImageReference> refs, int workers) throws SigningException {
    if (refs.size() < 2 || workers < 2) {
      List<ResolvedImage> out = new ArrayList<>();
      for (ImageReference ref : refs) {
        out.add(resolve(ref));
      }
      return out;
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        Math.min(workers, refs.size()), r -> {
          Thread t = new Thread(r, "signet-resolve");
          t.setDaemon(true);
          return t;
        });
    try {
      List<java.util.concurrent.Future<ResolvedImage>> futures = new ArrayList<>();
      for (ImageReference ref : refs) {
        futures.add(pool.submit(() -> resolve(ref)));
      }
      List<ResolvedImage> out = new ArrayList<>();
      for (int i = 0; i < refs.size(); i++) {
        try {
          out.add(futures.get(i).get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof SigningException se) {
            throw se;
          }
          throw new SigningException("resolve " + refs.get(i) + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SigningException("resolve " + refs.get(i) + ": interrupted", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Resolves a reference that must exist in the registry, fetching its manifest. */
  public ResolvedImage fetch(ImageReference ref) throws SigningException {
    try {
      Manifest m = client.getManifest(ref);
      return new ResolvedImage(ref, m.digest(), Optional.of(m.mediaType()), m.size(), Optional.of(m.bytes()));
    } catch (NotFoundException e) {
      throw new VerificationException(VerificationException.Reason.IMAGE_NOT_FOUND, "image not found: " + ref, e);
    } catch (RegistryException e) {
      throw new SigningException("fetch " + ref + ": " + e.getMessage(), e);
    }
  }

  /** The image and, for an index, every child manifest (cosign's {@code walk}), depth first. */
  public List<ResolvedImage> walk(ResolvedImage root) throws SigningException {
    List<ResolvedImage> out = new ArrayList<>();
    walkInto(root.manifest().isPresent() || !root.isIndex() ? root : fetch(root.byDigest()), out, 0);
    return out;
  }

  private void walkInto(ResolvedImage image, List<ResolvedImage> out, int depth) throws SigningException {
    out.add(image);
    if (!image.isIndex() || depth > 8) {
      return;
    }
    ResolvedImage full = image.manifest().isPresent() ? image : fetch(image.byDigest());
    try {
      ImageIndex index = Manifests.parseIndex(full.manifest().get());
      for (var child : index.manifests()) {
        Digest d = child.parsedDigest();
        ImageReference childRef = image.reference().withDigest(d);
        ResolvedImage resolved =
            new ResolvedImage(childRef, d, Optional.ofNullable(child.mediaType()), child.size(), Optional.empty());
        walkInto(resolved, out, depth + 1);
      }
    } catch (ManifestFormatException | dev.signet.oci.InvalidDigestException e) {
      throw new SigningException("read index " + image.byDigest() + ": " + e.getMessage(), e);
    }
  }
}
