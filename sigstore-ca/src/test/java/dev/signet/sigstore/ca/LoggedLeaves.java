package dev.signet.sigstore.ca;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the MerkleTreeLeaf of every record of a CT log entry file (layout in EntryFile's Javadoc), independently. */
final class LoggedLeaves {
  private LoggedLeaves() {}

  static List<byte[]> read(Path file) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    List<byte[]> out = new ArrayList<>();
    while (b.remaining() > 0) {
      int leafLen = b.getInt();
      int extraLen = b.getInt();
      byte[] leaf = new byte[leafLen];
      b.get(leaf);
      b.position(b.position() + extraLen + 4);
      out.add(leaf);
    }
    return out;
  }
}
