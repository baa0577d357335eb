package dev.signet.sign.layout;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageIndex;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.SigningException;
import dev.signet.sign.VerificationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code save}: writes an image (or index, with every child) and what cosign attaches to it into an OCI
 * image layout, in cosign's layout: the image entry (kind {@code image}/{@code imageIndex}, plus the OCI
 * ref name so other tools can pick it), the legacy {@code sha256-<hex>.sig} image (kind {@code sigs}),
 * the {@code .att} image (kind {@code atts}), and every referrer of the digest (v3 bundles), each with
 * its config and layers.
 */
public final class ImageSaver {
  private final RegistryClient client;

  /** What was saved. */
  public record Saved(Digest digest, boolean signatures, boolean attestations, int referrers) {}

  public ImageSaver(RegistryClient client) {
    this.client = client;
  }

  /**
   * @param ref the image
   * @param accessories where its signatures are kept (the image's repository, or {@code COSIGN_REPOSITORY})
   */
  public Saved save(ImageReference ref, Repository accessories, Path dir) throws SigningException {
    Manifest image = manifest(ref).orElseThrow(() -> new VerificationException(
        VerificationException.Reason.IMAGE_NOT_FOUND, "image not found: " + ref));
    LayoutWriter out = new LayoutWriter(dir);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(LayoutKinds.KIND, image.isIndex() ? LayoutKinds.IMAGE_INDEX : LayoutKinds.IMAGE);
    annotations.put(LayoutKinds.REF_NAME, ref.toString());
    writeTree(ref.repository(), image, out);
    out.append(Descriptor.of(image.mediaType(), image.digest(), image.size()).withAnnotations(annotations));
    Digest digest = image.digest();
    boolean sigs = saveTagged(accessories, SignatureTags.signatureTag(digest), LayoutKinds.SIGS, out);
    boolean atts = saveTagged(accessories, SignatureTags.attestationTag(digest), LayoutKinds.ATTS, out);
    int referrers = 0;
    try {
      for (Descriptor d : client.referrers(accessories, digest, Optional.empty()).referrers()) {
        Optional<Manifest> m = manifest(ImageReference.of(accessories, d.parsedDigest()));
        if (m.isPresent()) {
          writeTree(accessories, m.get(), out);
          out.append(d);
          referrers++;
        }
      }
    } catch (NotFoundException e) {
      // no referrers
    } catch (RegistryException | InvalidDigestException e) {
      throw new SigningException("list referrers of " + accessories + "@" + digest + ": " + e.getMessage(), e);
    }
    out.commit();
    return new Saved(digest, sigs, atts, referrers);
  }

  private boolean saveTagged(Repository repo, String tag, String kind, LayoutWriter out) throws SigningException {
    ImageReference ref;
    try {
      ref = ImageReference.of(repo, tag);
    } catch (InvalidReferenceException e) {
      throw new SigningException("invalid tag " + tag + ": " + e.getMessage(), e);
    }
    Optional<Manifest> m = manifest(ref);
    if (m.isEmpty()) {
      return false;
    }
    writeTree(repo, m.get(), out);
    out.append(Descriptor.of(m.get().mediaType(), m.get().digest(), m.get().size())
        .withAnnotations(Map.of(LayoutKinds.KIND, kind)));
    return true;
  }

  /** The manifest and everything it references: children of an index, config and layers of a manifest. */
  private void writeTree(Repository repo, Manifest m, LayoutWriter out) throws SigningException {
    try {
      if (m.isIndex()) {
        ImageIndex index = Manifests.parseIndex(m.bytes());
        for (Descriptor child : index.manifests()) {
          ImageReference childRef = ImageReference.of(repo, child.parsedDigest());
          Manifest c = manifest(childRef).orElseThrow(() -> new SigningException(
              "save " + childRef + ": the index lists it but the registry does not have it"));
          writeTree(repo, c, out);
        }
      } else {
        ImageManifest manifest = Manifests.parseManifest(m.bytes());
        if (manifest.config() != null) {
          blob(repo, manifest.config(), out);
        }
        for (Descriptor layer : manifest.layers()) {
          blob(repo, layer, out);
        }
      }
    } catch (ManifestFormatException | InvalidDigestException e) {
      throw new SigningException("save manifest " + repo + "@" + m.digest() + ": " + e.getMessage(), e);
    }
    out.blob(m.digest(), o -> o.write(m.bytes()));
  }

  private void blob(Repository repo, Descriptor d, LayoutWriter out) throws SigningException, InvalidDigestException {
    Digest digest = d.parsedDigest();
    out.blob(digest, o -> client.getBlob(repo, digest, o));
  }

  private Optional<Manifest> manifest(ImageReference ref) throws SigningException {
    try {
      return Optional.of(client.getManifest(ref));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RegistryException e) {
      throw new SigningException("fetch " + ref + ": " + e.getMessage(), e);
    }
  }
}
