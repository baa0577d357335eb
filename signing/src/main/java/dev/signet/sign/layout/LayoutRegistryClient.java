package dev.signet.sign.layout;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.Precondition;
import dev.signet.registry.client.ReferrersResult;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.UnsupportedByRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * A saved layout seen through the read side of {@link RegistryClient}, so the verifiers read a layout
 * exactly as they read a registry: the repository is ignored (a layout holds one image); a digest is a
 * blob; the tags {@code <alg>-<hex>.sig} and {@code .att} of the saved image are its {@code sigs} and
 * {@code atts} entries; any other tag is the saved image; referrers are {@link OciLayout#referrers}.
 * Writes are refused ({@link UnsupportedByRegistryException}).
 */
public final class LayoutRegistryClient implements RegistryClient {
  private static final long MAX_MANIFEST_BYTES = 4L << 20;

  private final OciLayout layout;

  public LayoutRegistryClient(OciLayout layout) {
    this.layout = layout;
  }

  @Override
  public Optional<ManifestHead> headManifest(ImageReference ref) throws RegistryException {
    try {
      Manifest m = getManifest(ref);
      return Optional.of(new ManifestHead(m.digest(), m.mediaType(), m.size()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Manifest getManifest(ImageReference ref) throws RegistryException {
    Digest digest = ref.digest().isPresent() ? ref.digest().get() : tagged(ref.tag().orElse(""));
    byte[] bytes = read(digest, MAX_MANIFEST_BYTES).orElseThrow(() -> notFound("manifest " + ref));
    String mediaType;
    try {
      mediaType = OciLayout.mediaTypeOf(bytes);
    } catch (ManifestFormatException e) {
      throw new RegistryException("read manifest " + digest + " from " + layout.dir(), e.getMessage());
    }
    return new Manifest(bytes, mediaType, digest, Optional.empty());
  }

  /** The digest a tag names in the layout. */
  private Digest tagged(String tag) throws RegistryException {
    Digest image = digestOf(image());
    if (tag.equals(SignatureTags.signatureTag(image))) {
      return entryDigest(LayoutKinds.SIGS, tag);
    }
    if (tag.equals(SignatureTags.attestationTag(image))) {
      return entryDigest(LayoutKinds.ATTS, tag);
    }
    if (tag.endsWith(".sig") || tag.endsWith(".att") || tag.endsWith(".sbom")
        || tag.equals(SignatureTags.referrersFallbackTag(image))) {
      throw notFound("tag " + tag);
    }
    return image;
  }

  private Digest entryDigest(String kind, String tag) throws RegistryException {
    Optional<Descriptor> d = layout.entry(kind);
    if (d.isEmpty()) {
      throw notFound("tag " + tag);
    }
    return digestOf(d.get());
  }

  private Descriptor image() throws RegistryException {
    try {
      return layout.image();
    } catch (LayoutException e) {
      throw new RegistryException("read " + layout.dir(), e.getMessage());
    }
  }

  private static Digest digestOf(Descriptor d) throws RegistryException {
    try {
      return d.parsedDigest();
    } catch (dev.signet.oci.InvalidDigestException e) {
      throw new RegistryException("read layout index", e.getMessage());
    }
  }

  private Optional<byte[]> read(Digest digest, long max) throws RegistryException {
    try {
      return layout.blob(digest, max);
    } catch (LayoutException e) {
      throw new RegistryException("read " + digest + " from " + layout.dir(), e.getMessage());
    }
  }

  private NotFoundException notFound(String what) {
    return new NotFoundException("read " + what + " from " + layout.dir(), ErrorCode.MANIFEST_UNKNOWN,
        what + " is not in the layout", List.of());
  }

  @Override
  public Optional<Long> headBlob(Repository repo, Digest digest) throws RegistryException {
    try {
      return layout.has(digest) ? Optional.of(layout.size(digest)) : Optional.empty();
    } catch (IOException e) {
      throw new RegistryException("stat blob " + digest + " in " + layout.dir(), e.getMessage());
    }
  }

  @Override
  public byte[] getBlob(Repository repo, Digest digest, long maxBytes) throws RegistryException {
    return read(digest, maxBytes).orElseThrow(() -> notFound("blob " + digest));
  }

  @Override
  public long getBlob(Repository repo, Digest digest, OutputStream sink) throws RegistryException {
    if (!layout.has(digest)) {
      throw notFound("blob " + digest);
    }
    var md = digest.newMessageDigest();
    long n = 0;
    try (InputStream in = layout.stream(digest)) {
      byte[] buf = new byte[64 * 1024];
      for (int r; (r = in.read(buf)) > 0; n += r) {
        md.update(buf, 0, r);
        sink.write(buf, 0, r);
      }
    } catch (IOException e) {
      throw new RegistryException("read blob " + digest + " from " + layout.dir(), e.getMessage());
    }
    if (!java.security.MessageDigest.isEqual(md.digest(), digest.bytes())) {
      throw new RegistryException("read blob " + digest + " from " + layout.dir(), "content does not match the digest");
    }
    return n;
  }

  @Override
  public ReferrersResult referrers(Repository repo, Digest subject, Optional<String> artifactType)
      throws RegistryException {
    List<Descriptor> all;
    try {
      all = layout.referrers(subject);
    } catch (LayoutException e) {
      throw new RegistryException("list referrers in " + layout.dir(), e.getMessage());
    }
    List<Descriptor> filtered = artifactType.isEmpty() ? all
        : all.stream().filter(d -> artifactType.get().equals(d.artifactType())).toList();
    return new ReferrersResult(filtered, ReferrersResult.Source.REFERRERS_API, false);
  }

  @Override
  public boolean supportsReferrersApi(Repository repo) {
    return true;
  }

  @Override
  public List<String> listTags(Repository repo) throws RegistryException {
    Digest image = digestOf(image());
    List<String> tags = new java.util.ArrayList<>();
    if (layout.entry(LayoutKinds.SIGS).isPresent()) {
      tags.add(SignatureTags.signatureTag(image));
    }
    if (layout.entry(LayoutKinds.ATTS).isPresent()) {
      tags.add(SignatureTags.attestationTag(image));
    }
    return tags;
  }

  private UnsupportedByRegistryException readOnly(String action) {
    return new UnsupportedByRegistryException(action, "the local image " + layout.dir() + " is read-only");
  }

  @Override
  public Digest putManifest(Repository repo, String tagOrDigest, byte[] body, String mediaType) throws RegistryException {
    throw readOnly("put manifest " + tagOrDigest);
  }

  @Override
  public Digest putManifest(Repository repo, String tagOrDigest, byte[] body, String mediaType, Precondition precondition)
      throws RegistryException {
    throw readOnly("put manifest " + tagOrDigest);
  }

  @Override
  public void deleteManifest(ImageReference ref) throws RegistryException {
    throw readOnly("delete " + ref);
  }

  @Override
  public void pushBlob(Repository repo, Digest digest, byte[] content) throws RegistryException {
    throw readOnly("push blob " + digest);
  }

  @Override
  public Digest pushBlobChunked(Repository repo, InputStream content, int chunkSize) throws RegistryException {
    throw readOnly("push blob");
  }

  @Override
  public boolean mountBlob(Repository to, Repository from, Digest digest) throws RegistryException {
    throw readOnly("mount blob " + digest);
  }
}
