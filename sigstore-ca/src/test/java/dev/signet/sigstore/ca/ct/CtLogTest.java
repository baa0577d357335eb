package dev.signet.sigstore.ca.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.sigstore.ca.CaException;
import dev.signet.sigstore.ca.CaKeys;
import dev.signet.testing.sigstore.ReferenceMerkle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CT log's encodings, Merkle tree, tree heads, chain checks and crash recovery. */
class CtLogTest {
  private static final char[] PW = "ct-password".toCharArray();
  private static final HexFormat HEX = HexFormat.of();

  @TempDir
  Path dir;

  @Test
  void merkleRootMatchesTheReferenceImplementation() {
    MerkleTree tree = new MerkleTree();
    ReferenceMerkle ref = new ReferenceMerkle();
    assertArrayEquals(ReferenceMerkle.sha256(), tree.rootHash(), "empty tree");
    for (int i = 0; i < 70; i++) {
      byte[] leaf = ("leaf " + i).getBytes(StandardCharsets.UTF_8);
      tree.append(CtEntries.leafHash(leaf));
      ref.add(leaf);
      assertArrayEquals(ref.root(i + 1), tree.rootHash(), "size " + (i + 1));
    }
  }

  @Test
  void sctAndListEncodingsAreTheRfcLayout() {
    byte[] id = new byte[32];
    id[0] = 0x11;
    Sct sct = new Sct(id, 0x0102030405L, new byte[0], new byte[] {(byte) 0xaa, (byte) 0xbb});
    String expected = "00" + "11" + "00".repeat(31) + "0000000102030405" + "0000" + "0403" + "0002" + "aabb";
    assertEquals(expected, HEX.formatHex(sct.serialize()));
    // SCT: 1 + 32 + 8 + 2 + 2 + 2 + 2 = 49 bytes (0x31); list: u16 total (51 = 0x33) ‖ u16 len ‖ sct
    assertEquals(49, sct.serialize().length);
    assertEquals("0033" + "0031" + expected, HEX.formatHex(SctList.encode(List.of(sct))));
    assertEquals("0435" + "0033" + "0031" + expected, HEX.formatHex(SctList.extensionValue(List.of(sct))));
  }

  @Test
  void leafEncodingsAreTheRfcLayout() {
    byte[] hash = new byte[32];
    assertEquals("0000" + "0000000000000010" + "0001" + "00".repeat(32) + "000002" + "3000" + "0000",
        HEX.formatHex(CtEntries.precertLeaf(16, hash, new byte[] {0x30, 0x00}, new byte[0])));
    assertEquals("0000" + "0000000000000010" + "0000" + "000001" + "30" + "0000",
        HEX.formatHex(CtEntries.x509Leaf(16, new byte[] {0x30}, new byte[0])));
  }

  @Test
  void treeHeadSignsTheRfcStructure() throws Exception {
    CaKeys ca = CaKeys.generate("signet", Instant.now(), new SecureRandom());
    try (CtLog log = CtLog.open(dir, PW, List.of(ca.root()), Clock.systemUTC())) {
      SignedTreeHead sth = log.treeHead();
      assertEquals(0, sth.treeSize());
      assertArrayEquals(ReferenceMerkle.sha256(), sth.rootHash());
      byte[] data = SignedTreeHead.signedData(sth.timestampMillis(), 0, sth.rootHash());
      assertEquals("0001", HEX.formatHex(data, 0, 2));
      assertEquals(2 + 8 + 8 + 32, data.length);
      Signature v = Signature.getInstance("SHA256withECDSA");
      v.initVerify(log.publicKey());
      v.update(data);
      assertTrue(v.verify(sth.signature()));
      assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(log.publicKey().getEncoded()), log.logId());
    }
  }

  @Test
  void addChainChecksTheChainAndTheEntryKind() throws Exception {
    CaKeys ca = CaKeys.generate("signet", Instant.now(), new SecureRandom());
    CaKeys other = CaKeys.generate("other", Instant.now(), new SecureRandom());
    try (CtLog log = CtLog.open(dir, PW, List.of(ca.root()), Clock.systemUTC())) {
      X509Certificate intermediate = ca.issuer();
      Sct sct = log.addChain(List.of(intermediate, ca.root()));
      assertEquals(1, log.size());
      Signature v = Signature.getInstance("SHA256withECDSA");
      v.initVerify(log.publicKey());
      v.update(CtEntries.x509Leaf(sct.timestampMillis(), intermediate.getEncoded(), new byte[0]));
      assertTrue(v.verify(sct.signature()), "x509 SCT verifies over the entry");
      // the root may be left out
      log.addChain(List.of(intermediate));
      assertEquals(2, log.size());
      CaException foreign = assertThrows(CaException.class, () -> log.addChain(List.of(other.issuer(), other.root())));
      assertTrue(foreign.getMessage().contains("not an accepted root"), foreign.getMessage());
      CaException broken = assertThrows(CaException.class, () -> log.addChain(List.of(other.issuer(), ca.root())));
      assertEquals(CaException.Kind.INVALID_ARGUMENT, broken.kind());
      CaException notPre = assertThrows(CaException.class, () -> log.addPreChain(List.of(intermediate, ca.root())));
      assertTrue(notPre.getMessage().contains("poison"), notPre.getMessage());
      assertThrows(CaException.class, () -> log.addChain(List.of()));
      assertThrows(CaException.class, () -> log.addChain(List.of(ca.root())));
      assertEquals(2, log.size(), "refused chains are not logged");
    }
  }

  @Test
  void reopenKeepsKeyEntriesAndValidity() throws Exception {
    CaKeys ca = CaKeys.generate("signet", Instant.now(), new SecureRandom());
    byte[] id;
    byte[] root;
    Instant from;
    try (CtLog log = CtLog.open(dir, PW, List.of(ca.root()), Clock.systemUTC())) {
      for (int i = 0; i < 3; i++) {
        log.addChain(List.of(ca.issuer(), ca.root()));
      }
      id = log.logId();
      root = log.treeHead().rootHash();
      from = log.validFrom();
    }
    try (CtLog log = CtLog.open(dir, PW, List.of(ca.root()), Clock.systemUTC())) {
      assertEquals(3, log.size());
      assertArrayEquals(id, log.logId());
      assertArrayEquals(root, log.treeHead().rootHash());
      assertEquals(from, log.validFrom());
    }
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("key.pem"))));
    assertThrows(CaException.class, () -> CtLog.open(dir, "wrong".toCharArray(), List.of(ca.root()), Clock.systemUTC()));
  }

  @Test
  void tornTailIsCutAndEarlierEntriesKept() throws Exception {
    Path f = dir.resolve("entries.bin");
    try (EntryFile file = EntryFile.open(f)) {
      for (int i = 0; i < 3; i++) {
        file.append(("leaf" + i).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) i});
      }
    }
    long good = Files.size(f);
    // a crash mid-append: a header promising more bytes than were written
    Files.write(f, ByteBuffer.allocate(10).putInt(100).putInt(0).array(), StandardOpenOption.APPEND);
    try (EntryFile file = EntryFile.open(f)) {
      assertEquals(3, file.recovered().size());
      assertEquals(10, file.cutBytes());
      assertEquals("leaf2", new String(file.recovered().get(2).leaf(), StandardCharsets.UTF_8));
      file.append("leaf3".getBytes(StandardCharsets.UTF_8), new byte[0]);
    }
    assertTrue(Files.size(f) > good);
    // a flipped byte in the last record's body: its CRC fails, it is cut
    byte[] all = Files.readAllBytes(f);
    all[all.length - 6] ^= 1;
    Files.write(f, all);
    try (EntryFile file = EntryFile.open(f)) {
      assertEquals(3, file.recovered().size());
      assertEquals(good, Files.size(f));
    }
  }
}
