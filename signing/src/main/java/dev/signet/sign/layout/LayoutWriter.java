package dev.signet.sign.layout;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageIndex;
import dev.signet.oci.Manifests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an OCI image layout: blobs under {@code blobs/<alg>/<hex>} (each written to a temporary file,
 * checked against its digest, then moved into place; a blob already present is kept), index entries in
 * order, and on {@link #commit} the {@code oci-layout} file and {@code index.json}. Like cosign's
 * {@code save}, a layout already in the directory gets a new {@code index.json}; its blobs stay.
 */
public final class LayoutWriter {
  /** Writes a blob's content to a stream (from a registry, a file, …). */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws Exception;
  }

  private final Path dir;
  private final List<Descriptor> entries = new ArrayList<>();

  public LayoutWriter(Path dir) throws LayoutException {
    this.dir = dir;
    try {
      Files.createDirectories(dir.resolve("blobs").resolve(Digest.SHA256));
    } catch (IOException e) {
      throw new LayoutException("create layout directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes bytes as a blob; returns their digest. */
  public Digest blob(byte[] bytes) throws LayoutException {
    Digest d = Digest.sha256(bytes);
    blob(d, out -> out.write(bytes));
    return d;
  }

  /** Writes a blob whose digest is known; content that does not match it is refused. */
  public void blob(Digest digest, Content content) throws LayoutException {
    Path target = dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    if (Files.isRegularFile(target)) {
      return;
    }
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), ".tmp-", "");
      MessageDigest md = digest.newMessageDigest();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
        content.writeTo(out);
      }
      if (!MessageDigest.isEqual(md.digest(), digest.bytes())) {
        throw new LayoutException("blob " + digest + " arrived with other content: not written to " + dir);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (LayoutException e) {
      throw e;
    } catch (Exception e) {
      throw new LayoutException("write blob " + digest + " to " + dir + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  /** Adds an entry to {@code index.json}. */
  public void append(Descriptor entry) {
    entries.add(entry);
  }

  /** Writes {@code oci-layout} and {@code index.json}. */
  public void commit() throws LayoutException {
    try {
      write("oci-layout", LayoutKinds.LAYOUT_FILE.getBytes(StandardCharsets.UTF_8));
      write("index.json", Manifests.toJson(ImageIndex.of(entries)));
    } catch (IOException e) {
      throw new LayoutException("write " + dir + "/index.json: " + e.getMessage(), e);
    }
  }

  private void write(String name, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(dir, ".tmp-", "");
    Files.write(tmp, bytes);
    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
