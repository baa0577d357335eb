package dev.signet.sign.layout;

/**
 * The annotations cosign's {@code save} puts on the entries of a layout's {@code index.json}: {@code kind}
 * says what each entry is (the image or index, its legacy {@code .sig} image, its legacy {@code .att}
 * image). Bundle referrers (cosign v3) are manifests whose {@code subject} is the image.
 */
public final class LayoutKinds {
  private LayoutKinds() {}

  public static final String KIND = "kind";
  public static final String IMAGE = "dev.cosignproject.cosign/image";
  public static final String IMAGE_INDEX = "dev.cosignproject.cosign/imageIndex";
  public static final String SIGS = "dev.cosignproject.cosign/sigs";
  public static final String ATTS = "dev.cosignproject.cosign/atts";
  /** The OCI ref-name annotation, so {@code skopeo … oci:DIR:NAME} can pick the image. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  /** The {@code oci-layout} file as go-containerregistry writes it. */
  public static final String LAYOUT_FILE = "{\n    \"imageLayoutVersion\": \"1.0.0\"\n}";
}
