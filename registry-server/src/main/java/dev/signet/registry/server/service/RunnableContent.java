package dev.signet.registry.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a client could run a manifest, decided from what clients execute — layer contents — never from
 * media type strings alone. A runtime builds the root file system from the layers: containerd unpacks any
 * layer it can decompress, podman sniffs the compression and applies whatever it gets as a tar archive,
 * whatever the descriptor's media type says. So a manifest is <em>inert</em> only when every layer is a
 * known signature, attestation or SBOM payload type (RFC 6838 essence) <em>and</em> its bytes are plain
 * UTF-8 text (no NUL or control characters, so neither a compressed stream nor a tar header with binary
 * content), and, for a manifest without layers, the config is not an image config by content (a JSON
 * object with {@code rootfs}, {@code config}, {@code architecture} or {@code os}). Unknown layer types,
 * foreign layers, and blobs that are missing or larger than {@link #MAX_PAYLOAD_BYTES} count as runnable.
 *
 * <p>A cosign signature image has an image config, but only simple-signing layers: text, so inert.
 */
public final class RunnableContent {
  /** Largest payload layer read to decide; a larger one counts as runnable. */
  public static final long MAX_PAYLOAD_BYTES = 16L * 1024 * 1024;
  /** Largest config read; a larger one counts as an image config. */
  public static final long MAX_CONFIG_BYTES = 1024L * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Layer media type essences of signatures, attestations and SBOMs (never file systems). */
  static final Set<String> PAYLOAD_TYPES = Set.of(MediaTypes.COSIGN_SIMPLESIGNING, MediaTypes.DSSE_ENVELOPE,
      MediaTypes.IN_TOTO, MediaTypes.OCI_EMPTY, "application/jose+json", "text/spdx", "text/spdx+json",
      "text/spdx+xml", "application/spdx+json", "application/vnd.cyclonedx", "application/vnd.cyclonedx+json",
      "application/vnd.cyclonedx+xml", "application/vnd.syft+json");
  private static final List<String> IMAGE_CONFIG_FIELDS = List.of("rootfs", "config", "architecture", "os");

  /** Reads a blob's bytes when it exists and is at most {@code maxBytes} long. */
  @FunctionalInterface
  public interface BlobReader {
    Optional<byte[]> read(Digest digest, long maxBytes);
  }

  private RunnableContent() {}

  /** True when {@code essence} is a known signature, attestation or SBOM payload type. */
  public static boolean isPayloadType(String essence) {
    return essence != null && (PAYLOAD_TYPES.contains(essence)
        || essence.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX) && essence.endsWith("+json"));
  }

  /**
   * Why a client could run {@code m}, or null when it is inert. An index runs nothing itself (its children
   * are judged when they are pulled): null.
   */
  public static String whyRunnable(ParsedManifest m, BlobReader blobs) {
    if (m.index()) {
      return null;
    }
    for (int i = 0; i < m.layers().size(); i++) {
      ParsedManifest.Blob layer = m.layers().get(i);
      String why = whyRunnableLayer(layer, blobs);
      if (why != null) {
        return "layer " + i + " (" + layer.mediaType() + ") " + why;
      }
    }
    if (m.layers().isEmpty() && isImageConfig(m.config(), blobs)) {
      return "its config is an image config (it has rootfs, config, architecture or os)";
    }
    return null;
  }

  private static String whyRunnableLayer(ParsedManifest.Blob layer, BlobReader blobs) {
    if (layer.foreign()) {
      return "is a foreign layer";
    }
    if (!isPayloadType(layer.essence())) {
      return "has a file-system or unknown media type";
    }
    Optional<byte[]> content = blobs.read(layer.digest(), MAX_PAYLOAD_BYTES);
    if (content.isEmpty()) {
      return "is missing or larger than " + MAX_PAYLOAD_BYTES + " bytes";
    }
    return isPlainText(content.get()) ? null : "is not plain text (it could be an archive)";
  }

  /** A JSON object with any of {@code rootfs}, {@code config}, {@code architecture}, {@code os}; unreadable counts. */
  public static boolean isImageConfig(ParsedManifest.Blob config, BlobReader blobs) {
    if (config == null) {
      return false;
    }
    Optional<byte[]> content = blobs.read(config.digest(), MAX_CONFIG_BYTES);
    if (content.isEmpty()) {
      return true;
    }
    JsonNode root;
    try {
      root = JSON.readTree(content.get());
    } catch (IOException e) {
      return false; // not JSON: no runtime reads it as an image config
    }
    if (root == null || !root.isObject()) {
      return false;
    }
    for (String key : (Iterable<String>) root::fieldNames) {
      String folded = ManifestKeys.fold(key);
      if (IMAGE_CONFIG_FIELDS.contains(folded)) {
        return true;
      }
    }
    return false;
  }

  /** Valid UTF-8 without NUL or other control characters than tab, line feed and carriage return. */
  static boolean isPlainText(byte[] bytes) {
    try {
      CharSequence s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
          return false;
        }
      }
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
