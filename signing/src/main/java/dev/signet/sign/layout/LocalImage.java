package dev.signet.sign.layout;

import dev.signet.oci.Descriptor;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.registry.client.RegistryClient;
import dev.signet.oci.reference.Repository;
import java.nio.file.Path;

/**
 * A saved layout opened for verification ({@code --local-image}): a read-only client over it and the
 * image's reference pinned to its digest (the name it was saved under, else {@code localhost/local-image}),
 * so the registry verifiers run unchanged.
 */
public record LocalImage(OciLayout layout, RegistryClient client, ImageReference reference) {
  private static final Repository UNNAMED = new Repository("localhost", "local-image");

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
    return ImageReference.of(UNNAMED, dev.signet.oci.Digest.sha256(new byte[0]));
  }
}
