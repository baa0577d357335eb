package dev.signet.cli.command.demo;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** A tiny single-file OCI image built in memory and pushed through the registry client. */
final class DemoImage {
  private DemoImage() {}

  /** Pushes an image whose one layer holds {@code hello.txt} with {@code text}; returns its digest. */
  static Digest push(RegistryClient client, Repository repo, String tag, String text)
      throws RegistryException, IOException {
    byte[] tar = tar("hello.txt", text.getBytes(StandardCharsets.UTF_8));
    byte[] layer = gzip(tar);
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/hello.txt\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(tar) + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
    client.pushBlob(repo, Digest.sha256(layer), layer);
    client.pushBlob(repo, Digest.sha256(config), config);
    ImageManifest manifest = new ImageManifest(2, MediaTypes.OCI_MANIFEST,
        Descriptor.of(MediaTypes.OCI_CONFIG, Digest.sha256(config), config.length),
        List.of(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(layer), layer.length)), null, null, null);
    byte[] bytes = Manifests.toJson(manifest);
    client.putManifest(repo, tag, bytes, MediaTypes.OCI_MANIFEST);
    return Digest.sha256(bytes);
  }

  static ImageReference reference(Repository repo, String tag) {
    try {
      return ImageReference.of(repo, tag);
    } catch (dev.signet.oci.reference.InvalidReferenceException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A POSIX ustar archive with one regular file (mode 0644, mtime 0, owner root). */
  private static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    int padded = (content.length + 511) / 512 * 512;
    byte[] out = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, out, 0, 512);
    System.arraycopy(content, 0, out, 512, content.length);
    return out;
  }

  private static void put(byte[] buf, int offset, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, buf, offset, b.length);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
