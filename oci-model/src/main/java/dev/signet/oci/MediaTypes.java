package dev.signet.oci;

import java.util.Set;

/** Media types of the OCI image spec, Docker schema 2, cosign and Sigstore. */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

  public static final String COSIGN_SIMPLESIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
  public static final String COSIGN_ARTIFACT_SIG = "application/vnd.dev.cosign.artifact.sig.v1+json";
  public static final String SIGSTORE_BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
  public static final String SIGSTORE_BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /** Media types a manifest GET should accept, most specific first. */
  public static final Set<String> MANIFEST_TYPES =
      Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  private MediaTypes() {}

  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  public static boolean isImageManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }

  /** The Accept header value for manifest requests. */
  public static String manifestAccept() {
    return String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST);
  }
}
