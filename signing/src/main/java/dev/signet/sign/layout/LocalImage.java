package dev.signet.sign.layout;

import dev.signet.oci.Descriptor;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.registry.client.RegistryClient;
import java.nio.file.Path;

/**
 * A saved layout opened for verification ({@code --local-image}): a read-only client over it and the
 * image's reference pinned to its digest (the name it was saved under, else {@code localhost/local-image}),
 * so the registry verifiers run unchanged.
 */
public record LocalImage(OciLayout layout, RegistryClient client, ImageReference reference) {
  private static final String UNNAMED = "localhost/local-image";

  public static LocalImage open(Path dir) throws LayoutException {
    OciLayout layout = OciLayout.open(dir);
    Descriptor image = layout.image();
    ImageReference name = named(image.annotationsOrEmpty().get(LayoutKinds.REF_NAME));
    try {
      return new LocalImage(layout, new LayoutRegistryClient(layout), name.withDigest(image.parsedDigest()));
    } catch (InvalidDigestException e) {
      throw new LayoutException("malformed " + dir.resolve("index.json") + ": " + e.getMessage(), e);
    }
  }

  private static ImageReference named(String refName) {
    if (refName != null && refName.contains("/")) {
      try {
        return ImageReference.parse(refName);
      } catch (InvalidReferenceException e) {
        // a plain tag name (other tools write those): fall through
      }
    }
    try {
      return ImageReference.parse(UNNAMED);
    } catch (InvalidReferenceException e) {
      throw new IllegalStateException(e);
    }
  }
}
