package dev.signet.sigstore.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.signet.sigstore.ca.ct.CtEntries;
import dev.signet.sigstore.ca.ct.SignedTreeHead;
import dev.signet.testing.sigstore.ReferenceMerkle;
import dev.signet.verify.x509.SctVerifier;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates issued from several threads at once: every one has its own serial and a verifying SCT,
 * the CT log holds exactly one entry per certificate, and its tree head after a restart is the same
 * as before and equals the reference Merkle root over the precertificate entries rebuilt from the
 * certificates.
 */
class ConcurrentIssuanceTest {
  @TempDir
  Path data;

  @Test
  void parallelIssuanceKeepsTheLogConsistent() throws Exception {
    int n = 40;
    List<IssuedCertificate> issued = new ArrayList<>();
    byte[] rootBefore;
    CaTrust trust;
    try (OidcProvider oidc = new OidcProvider();
        FulcioService service = FulcioService.open(CaConfig.of(data, "pw".toCharArray(), oidc.issuers()))) {
      String token = oidc.emailToken("alice@signet.test");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<IssuedCertificate>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> {
          KeyPair k = TestKeys.p256();
          return service.signingCertificate(token,
              new CertificateRequest.PublicKeyRequest(TestKeys.publicPem(k), TestKeys.prove(k, "alice@signet.test")));
        }));
      }
      for (Future<IssuedCertificate> f : futures) {
        issued.add(f.get());
      }
      pool.shutdown();
      assertEquals(n, service.ctLog().size());
      rootBefore = service.ctLog().treeHead().rootHash();
      trust = service.trust();
    }
    Set<java.math.BigInteger> serials = new HashSet<>();
    List<IssuedCertificate> byTime = new ArrayList<>(issued);
    for (IssuedCertificate c : issued) {
      serials.add(c.leaf().getSerialNumber());
      assertEquals(1, SctVerifier.verify(c.leaf(), c.chain().get(0), List.of(trust.ctLog("https://ct.signet.test")), 1));
    }
    assertEquals(n, serials.size(), "distinct serials");
    try (FulcioService again = FulcioService.open(CaConfig.of(data, "pw".toCharArray(), List.of()))) {
      SignedTreeHead sth = again.ctLog().treeHead();
      assertEquals(n, sth.treeSize());
      assertArrayEquals(rootBefore, sth.rootHash());
      // the leaves are the certificates' precert entries; their set (order is the log's) gives the same root
      Set<String> expectedLeaves = new HashSet<>();
      for (IssuedCertificate c : issued) {
        byte[] keyHash = java.security.MessageDigest.getInstance("SHA-256").digest(c.chain().get(0).getPublicKey().getEncoded());
        expectedLeaves.add(java.util.HexFormat.of().formatHex(CtEntries.leafHash(CtEntries.precertLeaf(
            c.sct().timestampMillis(), keyHash, PrecertTbs.of(c.leaf()), new byte[0]))));
      }
      assertEquals(n, expectedLeaves.size());
      List<byte[]> logged = LoggedLeaves.read(data.resolve("ct/entries.bin"));
      ReferenceMerkle ref = new ReferenceMerkle();
      Set<String> loggedHashes = new HashSet<>();
      for (byte[] leaf : logged) {
        ref.add(leaf);
        loggedHashes.add(java.util.HexFormat.of().formatHex(CtEntries.leafHash(leaf)));
      }
      assertEquals(expectedLeaves, loggedHashes);
      assertArrayEquals(ref.root(n), sth.rootHash());
    }
  }
}
