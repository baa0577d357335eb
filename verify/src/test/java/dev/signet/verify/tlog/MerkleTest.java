package dev.signet.verify.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.testkit.ReferenceMerkle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleTest {
  private static final HexFormat HEX = HexFormat.of();
  /** The eight-leaf tree used by RFC 6962 implementations' test suites. */
  private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
      "606162636465666768696a6b6c6d6e6f"};
  private static final String[] ROOTS = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

  private static ReferenceMerkle goldenTree() {
    ReferenceMerkle t = new ReferenceMerkle();
    for (String l : LEAVES) {
      t.add(HEX.parseHex(l));
    }
    return t;
  }

  @Test
  void hashesFollowRfc6962() {
    assertThat(HEX.formatHex(Merkle.emptyRoot()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(HEX.formatHex(Merkle.leafHash(new byte[0])))
        .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    byte[] l = Merkle.leafHash(new byte[0]);
    byte[] r = Merkle.leafHash(new byte[] {0});
    assertThat(HEX.formatHex(Merkle.nodeHash(l, r))).isEqualTo(ROOTS[1]);
  }

  @Test
  void goldenRootsOfTheEightLeafTree() {
    ReferenceMerkle t = goldenTree();
    for (int n = 1; n <= 8; n++) {
      assertThat(HEX.formatHex(t.root(n))).as("root of size %d", n).isEqualTo(ROOTS[n - 1]);
    }
  }

  @Test
  void everyLeafOfTheGoldenTreeProvesAtEverySize() throws Exception {
    ReferenceMerkle t = goldenTree();
    for (int n = 1; n <= 8; n++) {
      for (int m = 0; m < n; m++) {
        Merkle.verifyInclusion(m, n, Merkle.leafHash(HEX.parseHex(LEAVES[m])), t.inclusionProof(m, n),
            HEX.parseHex(ROOTS[n - 1]));
      }
    }
  }

  @Test
  void goldenInclusionProofOfLeafZero() throws Exception {
    List<byte[]> proof = List.of(
        HEX.parseHex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
        HEX.parseHex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
        HEX.parseHex("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
    assertThat(goldenTree().inclusionProof(0, 8)).usingElementComparator(java.util.Arrays::compare)
        .containsExactlyElementsOf(proof);
    Merkle.verifyInclusion(0, 8, Merkle.leafHash(new byte[0]), proof, HEX.parseHex(ROOTS[7]));
  }

  @Test
  void consistencyOfTheGoldenTreeAtAllSizePairs() throws Exception {
    ReferenceMerkle t = goldenTree();
    for (int m = 1; m <= 8; m++) {
      for (int n = m; n <= 8; n++) {
        Merkle.verifyConsistency(m, n, t.root(m), t.root(n), t.consistencyProof(m, n));
      }
    }
  }

  @Test
  void rejectionsNameTheProblem() {
    ReferenceMerkle t = goldenTree();
    byte[] leaf = t.leafHash(3);
    assertThatThrownBy(() -> Merkle.verifyInclusion(8, 8, leaf, List.of(), t.root(8)))
        .isInstanceOf(VerificationException.class).hasMessage("inclusion proof: invalid index: leaf 8 is outside a"
            + " tree of size 8");
    assertThatThrownBy(() -> Merkle.verifyInclusion(3, 8, leaf, t.inclusionProof(3, 8), t.root(7)))
        .hasMessageStartingWith("inclusion proof: root hash mismatch at size 8 for leaf 3");
    List<byte[]> longer = new ArrayList<>(t.inclusionProof(3, 8));
    longer.add(t.root(1));
    assertThatThrownBy(() -> Merkle.verifyInclusion(3, 8, leaf, longer, t.root(8)))
        .hasMessage("inclusion proof: wrong proof length for leaf 3 in size 8: 4 hashes, expected 3");
    assertThatThrownBy(() -> Merkle.verifyInclusion(3, 8, leaf, t.inclusionProof(3, 8).subList(0, 2), t.root(8)))
        .hasMessage("inclusion proof: wrong proof length for leaf 3 in size 8: 2 hashes, expected 3");
    assertThatThrownBy(() -> Merkle.verifyInclusion(0, 1, new byte[31], List.of(), t.root(1)))
        .hasMessage("inclusion proof: leaf hash is 31 bytes, expected 32");
    assertThatThrownBy(() -> Merkle.verifyConsistency(5, 3, t.root(5), t.root(3), List.of()))
        .hasMessageContaining("smaller than the earlier size");
    assertThatThrownBy(() -> Merkle.verifyConsistency(4, 4, t.root(4), t.root(5), List.of()))
        .hasMessageContaining("two different roots for the same size 4");
    assertThatThrownBy(() -> Merkle.verifyConsistency(0, 4, t.root(0), t.root(4), List.of(t.root(4))))
        .hasMessageContaining("from the empty tree must be empty");
    assertThatThrownBy(() -> Merkle.verifyConsistency(3, 7, t.root(3), t.root(7), List.of()))
        .hasMessageContaining("empty proof from size 3 to 7");
  }

  @Test
  void singleLeafTreeNeedsAnEmptyProof() throws Exception {
    byte[] leaf = Merkle.leafHash("x".getBytes());
    Merkle.verifyInclusion(0, 1, leaf, List.of(), leaf);
    assertThat(Merkle.rootFromInclusionProof(0, 1, leaf, List.of())).isEqualTo(leaf);
  }

  @Property(tries = 150)
  void everyLeafOfARandomTreeProves(@ForAll @IntRange(min = 1, max = 300) int size,
      @ForAll @IntRange(min = 0, max = 299) int pick) throws Exception {
    ReferenceMerkle t = randomTree(size);
    int index = pick % size;
    byte[] root = t.root(size);
    assertThat(Merkle.rootFromInclusionProof(index, size, t.leafHash(index), t.inclusionProof(index, size)))
        .isEqualTo(root);
  }

  @Property(tries = 200)
  void anyBitFlipFailsTheInclusionProof(@ForAll @IntRange(min = 2, max = 300) int size,
      @ForAll @IntRange(min = 0, max = 299) int pick, @ForAll @IntRange(min = 0, max = 10_000) int where) {
    ReferenceMerkle t = randomTree(size);
    int index = pick % size;
    List<byte[]> proof = t.inclusionProof(index, size);
    byte[] leaf = t.leafHash(index);
    byte[] root = t.root(size);
    int target = where % (proof.size() + 2); // a proof hash, the leaf or the root
    int bit = where % 256;
    if (target < proof.size()) {
      proof.set(target, flip(proof.get(target), bit));
    } else if (target == proof.size()) {
      leaf = flip(leaf, bit);
    } else {
      root = flip(root, bit);
    }
    byte[] l = leaf;
    byte[] r = root;
    assertThatThrownBy(() -> Merkle.verifyInclusion(index, size, l, proof, r))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.INCLUSION_PROOF));
  }

  @Property(tries = 100)
  void anotherIndexFails(@ForAll @IntRange(min = 3, max = 300) int size,
      @ForAll @IntRange(min = 0, max = 299) int pick) {
    ReferenceMerkle t = randomTree(size);
    int index = pick % (size - 1);
    List<byte[]> proof = t.inclusionProof(index, size);
    assertThatThrownBy(() -> Merkle.verifyInclusion(index + 1, size, t.leafHash(index), proof, t.root(size)))
        .isInstanceOf(VerificationException.class);
  }

  @Property(tries = 150)
  void consistencyProofsOfRandomTreesVerifyAndBitFlipsFail(@ForAll @IntRange(min = 1, max = 200) int a,
      @ForAll @IntRange(min = 1, max = 200) int b, @ForAll @IntRange(min = 0, max = 10_000) int where) throws Exception {
    int size1 = Math.min(a, b);
    int size2 = Math.max(a, b);
    ReferenceMerkle t = randomTree(size2);
    List<byte[]> proof = t.consistencyProof(size1, size2);
    Merkle.verifyConsistency(size1, size2, t.root(size1), t.root(size2), proof);
    if (size1 == size2) {
      return;
    }
    int target = where % (proof.size() + 2);
    byte[] r1 = t.root(size1);
    byte[] r2 = t.root(size2);
    if (target < proof.size()) {
      proof.set(target, flip(proof.get(target), where % 256));
    } else if (target == proof.size()) {
      r1 = flip(r1, where % 256);
    } else {
      r2 = flip(r2, where % 256);
    }
    byte[] f1 = r1;
    byte[] f2 = r2;
    assertThatThrownBy(() -> Merkle.verifyConsistency(size1, size2, f1, f2, proof))
        .isInstanceOf(VerificationException.class);
  }

  private static ReferenceMerkle randomTree(int size) {
    ReferenceMerkle t = new ReferenceMerkle();
    for (int i = 0; i < size; i++) {
      t.add(("leaf " + i + " of " + size).getBytes());
    }
    return t;
  }

  private static byte[] flip(byte[] b, int bit) {
    byte[] c = b.clone();
    c[bit / 8 % c.length] ^= (byte) (1 << (bit % 8));
    return c;
  }
}
