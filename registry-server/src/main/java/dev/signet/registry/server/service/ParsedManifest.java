package dev.signet.registry.server.service;

import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.Reference;
import java.util.List;
import java.util.Map;

/**
 * What the registry needs from a pushed manifest or index.
 *
 * @param mediaType the effective media type (declared, else from {@code Content-Type})
 * @param index true for an image index or manifest list
 * @param references the blobs (manifest) or child manifests (index) that must exist
 * @param subject the {@code subject} digest, or null
 * @param artifactType the referrers-API artifact type (see {@link ManifestParser}), or null
 * @param configMediaType the config's media type as written (manifests only), or null
 * @param layerMediaTypes the layers' media types as written (manifests only)
 * @param annotations top-level annotations
 * @param inlineBlobs descriptors that carried verified {@code data}
 * @param config the config descriptor (manifests only), or null
 * @param layers the layer descriptors (manifests only)
 */
public record ParsedManifest(
    String mediaType,
    boolean index,
    List<Reference> references,
    Digest subject,
    String artifactType,
    String configMediaType,
    List<String> layerMediaTypes,
    Map<String, String> annotations,
    List<InlineBlob> inlineBlobs,
    Blob config,
    List<Blob> layers) {

  /** A descriptor's embedded {@code data}, already checked against its digest and size. */
  public record InlineBlob(Digest digest, byte[] content) {}

  /**
   * A config or layer descriptor.
   *
   * @param mediaType as written
   * @param essence its RFC 6838 essence ({@code type/subtype}, lower case)
   * @param foreign true for a foreign or non-distributable layer with {@code urls} (not uploaded)
   */
  public record Blob(Digest digest, long size, String mediaType, String essence, boolean foreign) {}

  public ParsedManifest {
    references = List.copyOf(references);
    layerMediaTypes = List.copyOf(layerMediaTypes);
    annotations = Map.copyOf(annotations);
    inlineBlobs = List.copyOf(inlineBlobs);
    layers = List.copyOf(layers);
  }

  /** Digests of the child manifests of an index (empty for a manifest). */
  public List<Digest> children() {
    return index ? references.stream().map(Reference::digest).toList() : List.of();
  }

  /** The layers' media type essences (manifests only). */
  public List<String> layerEssences() {
    return layers.stream().map(Blob::essence).toList();
  }
}
