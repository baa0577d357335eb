package dev.signet.verify.x509;

import static dev.signet.testing.sigstore.TestPki.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.testing.sigstore.TestPki.CtLog;
import dev.signet.testing.sigstore.TestPki.Issued;
import dev.signet.testing.sigstore.TestPki.Sct;
import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.testkit.Trust;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Test;

/** Embedded SCTs on generated certificates: precert reconstruction, log lookup, validity, threshold. */
class SctVerifierTest {

  private final Issued root = TestPki.root("ct-root");
  private final CtLog log1 = CtLog.create();
  private final CtLog log2 = CtLog.create();
  private final TransparencyLog trusted1 = Trust.ctLog(log1, Trust.always());
  private final TransparencyLog trusted2 = Trust.ctLog(log2, Trust.always());

  private static void rejects(X509Certificate leaf, X509Certificate issuer, List<TransparencyLog> logs, int threshold,
      String... fragments) {
    assertThatThrownBy(() -> SctVerifier.verify(leaf, issuer, logs, threshold))
        .isInstanceOfSatisfying(VerificationException.class, e -> {
          assertThat(e.check()).isEqualTo(Check.SCT);
          assertThat(e.getMessage()).startsWith("SCT: ").doesNotContain("\n");
          for (String f : fragments) {
            assertThat(e.getMessage()).contains(f);
          }
        });
  }

  @Test
  void verifiesOneSctPerLogAndCountsLogsOnce() throws Exception {
    Issued leaf = TestPki.fulcioLeaf(root, "a@signet.test").sct(new Sct(log1, T0, false)).sct(new Sct(log2, T0, false))
        .sct(new Sct(log1, T0.plusSeconds(1), false)).build();
    assertThat(SctVerifier.verify(leaf.cert(), root.cert(), List.of(trusted1, trusted2), 2)).isEqualTo(2);
    assertThat(SctVerifier.verify(leaf.cert(), root.cert(), List.of(trusted1), 1)).isEqualTo(1);
    rejects(leaf.cert(), root.cert(), List.of(trusted1), 2, "1 of 3 embedded SCTs verified, need 2",
        "SCT 2: no CT log key with id " + HexFormat.of().formatHex(log2.logId()));
  }

  @Test
  void precertTbsDropsOnlyTheSctExtension() throws Exception {
    Issued leaf = TestPki.fulcioLeaf(root, "a@signet.test").sct(new Sct(log1, T0, false)).build();
    byte[] tbs = SctVerifier.precertTbs(leaf.cert());
    assertThat(tbs.length).isLessThan(leaf.cert().getTBSCertificate().length);
    assertThat(new String(tbs, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("https://issuer.test");
  }

  @Test
  void rejectsTamperedSctSignature() {
    Issued leaf = TestPki.fulcioLeaf(root, "a@signet.test").sct(new Sct(log1, T0, true)).build();
    rejects(leaf.cert(), root.cert(), List.of(trusted1), 1, "0 of 1 embedded SCTs verified, need 1",
        "signature of the SCT from CT log https://ct.test (" + HexFormat.of().formatHex(log1.logId()) + ") does not verify");
  }

  @Test
  void rejectsSctFromUnknownLog() {
    Issued leaf = TestPki.fulcioLeaf(root, "a@signet.test").sct(new Sct(log2, T0, false)).build();
    rejects(leaf.cert(), root.cert(), List.of(trusted1), 1, "no CT log key with id " + HexFormat.of().formatHex(log2.logId()));
  }

  @Test
  void rejectsSctOutsideTheLogsValidity() {
    Issued leaf = TestPki.fulcioLeaf(root, "a@signet.test").sct(new Sct(log1, T0, false)).build();
    TransparencyLog retired = Trust.ctLog(log1, Trust.window(T0.minusSeconds(3600), T0.minusMillis(1)));
    rejects(leaf.cert(), root.cert(), List.of(retired), 1, "SCT time " + T0 + " is outside the validity");
  }

  @Test
  void rejectsSctVerifiedAgainstTheWrongIssuerKey() {
    Issued leaf = TestPki.fulcioLeaf(root, "a@signet.test").sct(new Sct(log1, T0, false)).build();
    rejects(leaf.cert(), TestPki.root("someone-else").cert(), List.of(trusted1), 1, "does not verify");
  }

  @Test
  void rejectsMissingSctListUnlessThresholdIsZero() throws Exception {
    Issued leaf = TestPki.fulcioLeaf(root, "a@signet.test").build();
    assertThat(SctVerifier.verify(leaf.cert(), root.cert(), List.of(trusted1), 0)).isZero();
    rejects(leaf.cert(), root.cert(), List.of(trusted1), 1, "leaf SAN a@signet.test", "has no embedded SCT list");
  }

  @Test
  void rejectsMalformedSctList() throws Exception {
    Issued leaf = TestPki.fulcioLeaf(root, "a@signet.test")
        .raw(SctVerifier.SCT_LIST_OID, new DEROctetString(new byte[] {0, 9, 0, 1}).getEncoded()).build();
    rejects(leaf.cert(), root.cert(), List.of(trusted1), 1, "malformed SCT list: SCT list length 9 but 2 bytes follow");
  }

  @Test
  void parsesSctListFields() {
    byte[] sct = new byte[1 + 32 + 8 + 2 + 2 + 1 + 1 + 2 + 3];
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(sct);
    b.put((byte) 0).put(new byte[32]).putLong(1234L).putShort((short) 2).put(new byte[] {7, 7}).put((byte) 4).put((byte) 3)
        .putShort((short) 3).put(new byte[] {1, 2, 3});
    byte[] list = java.nio.ByteBuffer.allocate(4 + sct.length).putShort((short) (2 + sct.length)).putShort((short) sct.length)
        .put(sct).array();
    SignedCertificateTimestamp parsed = SignedCertificateTimestamp.parseList(list).get(0);
    assertThat(parsed.timestampMillis()).isEqualTo(1234L);
    assertThat(parsed.extensions()).containsExactly(7, 7);
    assertThat(parsed.signature()).containsExactly(1, 2, 3);
    list[4] = 1;
    assertThatThrownBy(() -> SignedCertificateTimestamp.parseList(list)).hasMessage("SCT 1 has unsupported version 1 (only v1 = 0)");
  }
}
