package dev.signet.sign.attest;

import dev.signet.cosign.LayerLimitException;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SigningException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code attach sbom}: cosign's legacy SBOM attachment, an OCI image with one uncompressed layer (the SBOM,
 * typed by {@link #mediaType}) and the go-containerregistry config, written to {@code sha256-<hex>.sbom}.
 * As in cosign the tag is replaced, not appended to: an image has one SBOM.
 */
public final class SbomAttacher {
  public static final String SPDX = "text/spdx";
  public static final String SPDX_JSON = "text/spdx+json";
  public static final String CYCLONEDX_XML = "application/vnd.cyclonedx+xml";
  public static final String CYCLONEDX_JSON = "application/vnd.cyclonedx+json";
  public static final String SYFT_JSON = "application/vnd.syft+json";

  private final RegistryClient client;

  public SbomAttacher(RegistryClient client) {
    this.client = client;
  }

  /**
   * cosign's layer media type for {@code --type} and {@code --input-format} ({@code AttachSBOMOptions.MediaType}):
   * JSON when the format says so or the file name ends in {@code .json}.
   */
  public static String mediaType(String type, String inputFormat, String fileName) throws SigningException {
    String format = inputFormat == null ? "" : inputFormat.toLowerCase(Locale.ROOT);
    boolean json = format.equals("json") || (fileName != null && fileName.endsWith(".json"));
    switch (type == null ? "" : type) {
      case "cyclonedx" -> {
        requireFormat(format, "json|xml", "json", "xml");
        return json ? CYCLONEDX_JSON : CYCLONEDX_XML;
      }
      case "spdx" -> {
        requireFormat(format, "json|text", "json", "text");
        return json ? SPDX_JSON : SPDX;
      }
      case "syft" -> {
        requireFormat(format, "json", "json");
        return SYFT_JSON;
      }
      default -> throw new SigningException("unknown SBOM type: \"" + type + "\", expected (spdx|cyclonedx|syft)");
    }
  }

  private static void requireFormat(String format, String expected, String... allowed) throws SigningException {
    if (format.isEmpty() || java.util.List.of(allowed).contains(format)) {
      return;
    }
    throw new SigningException("invalid SBOM input format: \"" + format + "\", expected (" + expected + ")");
  }

  /** Writes the SBOM image; returns {@code repo:sha256-<hex>.sbom}. */
  public String attach(ResolvedImage image, byte[] sbom, String mediaType, Optional<Repository> target)
      throws SigningException {
    Repository repo = target.orElse(image.reference().repository());
    String tag = SignatureTags.sbomTag(image.digest());
    Digest layerDigest = Digest.sha256(sbom);
    Descriptor layer = new Descriptor(mediaType, sbom.length, layerDigest.toString(), null, null, null);
    try {
      LegacySignatureImage file = LegacySignatureImage.empty(false).append(layer);
      byte[] config = file.configBytes();
      client.pushBlob(repo, layerDigest, sbom);
      client.pushBlob(repo, Digest.sha256(config), config);
      client.putManifest(repo, tag, file.manifestBytes(), file.manifestMediaType());
    } catch (RegistryException | LayerLimitException e) {
      throw new SigningException("attach SBOM to " + image.byDigest() + " at " + repo + ":" + tag + ": "
          + e.getMessage(), e);
    }
    return repo.name() + ":" + tag;
  }
}
