package dev.signet.sign.layout;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageIndex;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only OCI image layout as cosign's {@code save} writes it ({@code oci-layout}, {@code index.json},
 * {@code blobs/<alg>/<hex>}): the image entry (kind {@code image} or {@code imageIndex}, else the only
 * entry), its legacy {@code sigs}/{@code atts} entries, and the bundle referrers of a digest (index entries
 * or, as cosign looks for them, manifests among the blobs whose {@code subject} is that digest). Every blob
 * read is checked against its digest. Immutable after {@link #open}.
 */
public final class OciLayout {
  /** Manifests are small; larger blobs are never parsed when looking for referrers. */
  private static final long MAX_MANIFEST_BYTES = 4L << 20;

  private final Path dir;
  private final List<Descriptor> entries;

  private OciLayout(Path dir, List<Descriptor> entries) {
    this.dir = dir;
    this.entries = List.copyOf(entries);
  }

  /** Opens {@code dir}; a missing or malformed {@code oci-layout} or {@code index.json} is a {@link LayoutException}. */
  public static OciLayout open(Path dir) throws LayoutException {
    if (!Files.isDirectory(dir)) {
      throw new LayoutException("local image " + dir + " is not a directory: give the --dir of signet save (an OCI image layout)");
    }
    if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
      throw new LayoutException("local image " + dir + " has no oci-layout file: it is not an OCI image layout");
    }
    byte[] index;
    try {
      index = Files.readAllBytes(dir.resolve("index.json"));
    } catch (NoSuchFileException e) {
      throw new LayoutException("local image " + dir + " has no index.json: it is not an OCI image layout");
    } catch (IOException e) {
      throw new LayoutException("read " + dir.resolve("index.json") + ": " + e.getMessage(), e);
    }
    ImageIndex parsed;
    try {
      parsed = Manifests.parseIndex(index);
    } catch (ManifestFormatException e) {
      throw new LayoutException("malformed " + dir.resolve("index.json") + ": " + e.getMessage(), e);
    }
    for (Descriptor d : parsed.manifests()) {
      if (!Digest.isDigest(d.digest())) {
        throw new LayoutException("malformed " + dir.resolve("index.json") + ": entry digest " + d.digest() + " is invalid");
      }
    }
    return new OciLayout(dir, parsed.manifests());
  }

  public Path dir() {
    return dir;
  }

  /** The entries of {@code index.json}, in order. */
  public List<Descriptor> entries() {
    return entries;
  }

  /** The image (or index) the layout was saved for. */
  public Descriptor image() throws LayoutException {
    for (Descriptor d : entries) {
      String kind = d.annotationsOrEmpty().get(LayoutKinds.KIND);
      if (LayoutKinds.IMAGE.equals(kind) || LayoutKinds.IMAGE_INDEX.equals(kind)) {
        return d;
      }
    }
    if (entries.size() == 1) {
      return entries.get(0);
    }
    throw new LayoutException("local image " + dir + " has " + entries.size() + " entries in index.json and none with"
        + " annotation kind=" + LayoutKinds.IMAGE + ": save it with signet save or cosign save");
  }

  /** The entry of a kind ({@link LayoutKinds#SIGS}, {@link LayoutKinds#ATTS}), if saved. */
  public Optional<Descriptor> entry(String kind) {
    return entries.stream().filter(d -> kind.equals(d.annotationsOrEmpty().get(LayoutKinds.KIND))).findFirst();
  }

  /** Whether {@code digest}'s blob is in the layout. */
  public boolean has(Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  /** The blob's bytes, digest-checked; empty when absent. */
  public Optional<byte[]> blob(Digest digest, long maxBytes) throws LayoutException {
    Path p = blobPath(digest);
    try {
      if (!Files.isRegularFile(p)) {
        return Optional.empty();
      }
      if (Files.size(p) > maxBytes) {
        throw new LayoutException("blob " + p + " is larger than " + maxBytes + " bytes");
      }
      byte[] bytes = Files.readAllBytes(p);
      if (!digest.matches(bytes)) {
        throw new LayoutException("blob " + p + " does not match its digest " + digest + ": the layout is corrupt");
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      throw new LayoutException("read " + p + ": " + e.getMessage(), e);
    }
  }

  /** Opens the blob for streaming (not digest-checked here; the caller's sink checks it). */
  public InputStream stream(Digest digest) throws IOException {
    return Files.newInputStream(blobPath(digest));
  }

  public long size(Digest digest) throws IOException {
    return Files.size(blobPath(digest));
  }

  /**
   * The manifests whose {@code subject} is {@code subject}, as referrer descriptors (artifact type and
   * annotations from the manifest): the index entries first, then any other manifest blob.
   */
  public List<Descriptor> referrers(Digest subject) throws LayoutException {
    Map<String, Descriptor> out = new LinkedHashMap<>();
    List<Digest> candidates = new ArrayList<>();
    for (Descriptor d : entries) {
      candidates.add(known(d.digest()));
    }
    Path blobs = dir.resolve("blobs").resolve(subject.algorithm());
    if (Files.isDirectory(blobs)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
        for (Path f : files) {
          String name = subject.algorithm() + ":" + f.getFileName();
          if (Digest.isDigest(name) && Files.isRegularFile(f) && Files.size(f) <= MAX_MANIFEST_BYTES) {
            candidates.add(known(name));
          }
        }
      } catch (IOException e) {
        throw new LayoutException("list " + blobs + ": " + e.getMessage(), e);
      }
    }
    for (Digest d : candidates) {
      if (out.containsKey(d.toString()) || d.equals(subject)) {
        continue;
      }
      Optional<byte[]> bytes = blob(d, MAX_MANIFEST_BYTES);
      if (bytes.isEmpty() || !looksLikeManifest(bytes.get())) {
        continue;
      }
      try {
        ImageManifest m = Manifests.parseManifest(bytes.get());
        if (m.subject() != null && subject.toString().equals(m.subject().digest())) {
          String type = m.mediaType() == null ? MediaTypes.OCI_MANIFEST : m.mediaType();
          out.put(d.toString(), new Descriptor(type, bytes.get().length, d.toString(), m.annotations(), null,
              m.effectiveArtifactType()));
        }
      } catch (ManifestFormatException e) {
        // not a manifest: a layer or config blob
      }
    }
    return List.copyOf(out.values());
  }

  /** A manifest's media type: its {@code mediaType} field, else index or manifest by shape. */
  public static String mediaTypeOf(byte[] manifest) throws ManifestFormatException {
    String declared = Manifests.declaredMediaType(manifest);
    if (declared != null) {
      return declared;
    }
    return Manifests.isIndex(manifest) ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
  }

  /** A digest already checked with {@link Digest#isDigest}. */
  private static Digest known(String digest) {
    try {
      return Digest.parse(digest);
    } catch (dev.signet.oci.InvalidDigestException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean looksLikeManifest(byte[] b) {
    for (byte c : b) {
      if (c == '{') {
        return new String(b, java.nio.charset.StandardCharsets.UTF_8).contains("\"subject\"");
      }
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return false;
      }
    }
    return false;
  }

  private Path blobPath(Digest digest) {
    return dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }
}
