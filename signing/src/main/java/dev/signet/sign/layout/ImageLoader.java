package dev.signet.sign.layout;

import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.Manifests;
import dev.signet.oci.OciModelException;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.SigningException;
import dev.signet.sign.internal.LegacySignatureStore;
import dev.signet.sign.internal.Pauser;
import dev.signet.sign.internal.ReferrerWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code load}: pushes a saved layout to a registry — the image tree (blobs, then manifests by digest,
 * then the tag of the destination), the {@code .sig} and {@code .att} images (written verbatim where the
 * destination has none, merged layer by layer into an existing one, so nobody's signature is lost) and
 * the bundle referrers (linked in the fallback index on registries without the referrers API).
 */
public final class ImageLoader {
  private static final int CHUNK = 8 << 20;
  private static final long MAX_MANIFEST_BYTES = 4L << 20;

  private final RegistryClient client;
  private final LegacySignatureStore legacy;
  private final ReferrerWriter referrers;

  public ImageLoader(RegistryClient client) {
    this.client = client;
    this.legacy = new LegacySignatureStore(client, Pauser.jittered());
    this.referrers = new ReferrerWriter(client, Pauser.jittered());
  }

  /**
   * @param target the destination image (its tag, if any, is set to the saved image)
   * @param accessories where signatures go (the target's repository, or {@code COSIGN_REPOSITORY})
   */
  public Digest load(OciLayout layout, ImageReference target, Repository accessories) throws SigningException {
    Descriptor image = layout.image();
    Digest digest = digest(image);
    Repository repo = target.repository();
    try {
      Manifest m = pushTree(layout, repo, digest);
      if (target.tag().isPresent()) {
        client.putManifest(repo, target.tag().get(), m.bytes(), m.mediaType());
      }
      for (String[] kind : new String[][] {{LayoutKinds.SIGS, SignatureTags.signatureTag(digest)},
          {LayoutKinds.ATTS, SignatureTags.attestationTag(digest)}}) {
        Optional<Descriptor> entry = layout.entry(kind[0]);
        if (entry.isPresent()) {
          pushLegacy(layout, accessories, digest(entry.get()), kind[1]);
        }
      }
      for (Descriptor r : layout.referrers(digest)) {
        Manifest rm = manifest(layout, digest(r));
        pushBlobs(layout, accessories, rm);
        referrers.write(accessories, digest, rm.bytes(), rm.mediaType());
      }
    } catch (RegistryException | IOException | OciModelException e) {
      throw new SigningException("load " + layout.dir() + " into " + target + ": " + e.getMessage(), e);
    }
    return digest;
  }

  private Manifest pushTree(OciLayout layout, Repository repo, Digest digest)
      throws SigningException, RegistryException, IOException, OciModelException {
    Manifest m = manifest(layout, digest);
    if (m.isIndex()) {
      for (Descriptor child : Manifests.parseIndex(m.bytes()).manifests()) {
        pushTree(layout, repo, child.parsedDigest());
      }
    } else {
      pushBlobs(layout, repo, m);
    }
    client.putManifest(repo, digest.toString(), m.bytes(), m.mediaType());
    return m;
  }

  private void pushLegacy(OciLayout layout, Repository repo, Digest digest, String tag)
      throws SigningException, RegistryException, IOException, OciModelException {
    Manifest m = manifest(layout, digest);
    pushBlobs(layout, repo, m);
    Optional<ManifestHead> existing = client.headManifest(ImageReference.of(repo, tag));
    if (existing.isEmpty()) {
      client.putManifest(repo, tag, m.bytes(), m.mediaType());
      return;
    }
    if (existing.get().digest().equals(digest)) {
      return;
    }
    boolean docker = MediaTypes.DOCKER_MANIFEST.equals(m.mediaType());
    for (Descriptor layer : LegacySignatureImage.parse(m.bytes()).layers()) {
      byte[] content = layout.blob(layer.parsedDigest(), 128L << 20).orElseThrow(() -> missing(layout, layer));
      String sig = layer.annotationsOrEmpty().get(SignatureAnnotations.SIGNATURE);
      legacy.append(repo, tag, layer, content, docker, old -> old.digest().equals(layer.digest())
          && Objects.equals(old.annotationsOrEmpty().get(SignatureAnnotations.SIGNATURE), sig));
    }
  }

  private void pushBlobs(OciLayout layout, Repository repo, Manifest m)
      throws SigningException, RegistryException, IOException, OciModelException {
    ImageManifest parsed = Manifests.parseManifest(m.bytes());
    List<Descriptor> all = new ArrayList<>();
    if (parsed.config() != null) {
      all.add(parsed.config());
    }
    all.addAll(parsed.layers());
    for (Descriptor d : all) {
      Digest blob = d.parsedDigest();
      if (client.headBlob(repo, blob).isPresent()) {
        continue;
      }
      if (!layout.has(blob)) {
        throw missing(layout, d);
      }
      if (layout.size(blob) <= CHUNK) {
        client.pushBlob(repo, blob, layout.blob(blob, CHUNK).orElseThrow());
      } else {
        try (InputStream in = layout.stream(blob)) {
          Digest pushed = client.pushBlobChunked(repo, in, CHUNK);
          if (!pushed.equals(blob)) {
            throw new LayoutException("blob " + blob + " in " + layout.dir() + " has other content (" + pushed + ")");
          }
        }
      }
    }
  }

  private static Manifest manifest(OciLayout layout, Digest digest) throws SigningException {
    byte[] bytes = layout.blob(digest, MAX_MANIFEST_BYTES).orElseThrow(() -> new LayoutException(
        "manifest " + digest + " is not in " + layout.dir() + ": the layout is incomplete"));
    try {
      return new Manifest(bytes, OciLayout.mediaTypeOf(bytes), digest, Optional.empty());
    } catch (OciModelException e) {
      throw new LayoutException("malformed manifest " + digest + " in " + layout.dir() + ": " + e.getMessage(), e);
    }
  }

  private static LayoutException missing(OciLayout layout, Descriptor d) {
    return new LayoutException("blob " + d.digest() + " is not in " + layout.dir() + ": the layout is incomplete");
  }

  private static Digest digest(Descriptor d) throws LayoutException {
    try {
      return d.parsedDigest();
    } catch (dev.signet.oci.InvalidDigestException e) {
      throw new LayoutException("malformed entry digest " + d.digest() + ": " + e.getMessage(), e);
    }
  }
}
