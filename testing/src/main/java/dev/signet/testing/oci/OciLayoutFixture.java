package dev.signet.testing.oci;

import dev.signet.oci.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes small deterministic OCI image layouts (the Java form of the shell recipe in the shared
 * real-peers reference, §3b): one gzip layer holding {@code hello.txt}, a config, a manifest, and an
 * {@code index.json} entry tagged with {@code org.opencontainers.image.ref.name}. The {@code seed}
 * goes into the file content and the config, so distinct seeds give distinct digests and equal seeds
 * equal ones. Several images may share one layout directory under different tags.
 */
public final class OciLayoutFixture {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final Pattern ENTRY = Pattern.compile("\\{\"mediaType\":\"[^\"]+\",\"digest\":\"[^\"]+\","
      + "\"size\":\\d+,\"annotations\":\\{\"org.opencontainers.image.ref.name\":\"([^\"]+)\"}}");

  private OciLayoutFixture() {}

  /** Writes a single-platform linux/amd64 image tagged {@code tag}. */
  public static LayoutImage writeImage(Path layout, String tag, String seed) {
    return writeImage(layout, tag, seed, "amd64", true);
  }

  /** Writes a two-platform index (linux/amd64 and linux/arm64) tagged {@code tag}. */
  public static LayoutImage writeIndex(Path layout, String tag, String seed) {
    LayoutImage amd = writeImage(layout, null, seed, "amd64", false);
    LayoutImage arm = writeImage(layout, null, seed, "arm64", false);
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
        + platformEntry(amd, "amd64") + "," + platformEntry(arm, "arm64") + "]}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Digest digest = addBlob(layout, bytes);
    addIndexEntry(layout, OCI_INDEX, digest, bytes.length, tag);
    return new LayoutImage(layout, tag, digest, OCI_INDEX, bytes, List.of(), List.of(amd, arm));
  }

  private static LayoutImage writeImage(Path layout, String tag, String seed, String arch, boolean tagIt) {
    byte[] tar = DeterministicArchives.tar("hello.txt", ("hello from " + seed + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] layer = DeterministicArchives.gzip(tar);
    Digest layerDigest = addBlob(layout, layer);
    String config = "{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/hello.txt\"],"
        + "\"Labels\":{\"dev.signet.test.seed\":" + jsonString(seed) + "}},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(tar) + "\"]}}";
    byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
    Digest configDigest = addBlob(layout, configBytes);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
        + "\",\"size\":" + configBytes.length + "},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest
        + "\",\"size\":" + layer.length + "}]}";
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    Digest digest = addBlob(layout, bytes);
    if (tagIt) {
      addIndexEntry(layout, OCI_MANIFEST, digest, bytes.length, tag);
    } else {
      ensureLayout(layout);
    }
    return new LayoutImage(layout, tag, digest, OCI_MANIFEST, bytes, List.of(configDigest, layerDigest), List.of());
  }

  private static String platformEntry(LayoutImage image, String arch) {
    return "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + image.digest() + "\",\"size\":" + image.size()
        + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}";
  }

  /** Stores {@code content} under {@code blobs/sha256/<hex>} and returns its digest. */
  public static Digest addBlob(Path layout, byte[] content) {
    Digest d = Digest.sha256(content);
    try {
      Path dir = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
      Files.write(dir.resolve(d.hex()), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  private static void ensureLayout(Path layout) {
    try {
      Files.createDirectories(layout);
      Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds (or replaces) the {@code index.json} entry for {@code tag}, keeping other tags. */
  private static synchronized void addIndexEntry(Path layout, String mediaType, Digest digest, long size, String tag) {
    ensureLayout(layout);
    Path index = layout.resolve("index.json");
    List<String> entries = new ArrayList<>();
    try {
      if (Files.exists(index)) {
        Matcher m = ENTRY.matcher(Files.readString(index));
        while (m.find()) {
          if (!m.group(1).equals(tag)) {
            entries.add(m.group());
          }
        }
      }
      entries.add("{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size
          + ",\"annotations\":{\"org.opencontainers.image.ref.name\":" + jsonString(tag) + "}}");
      Files.writeString(index, "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
          + String.join(",", entries) + "]}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
