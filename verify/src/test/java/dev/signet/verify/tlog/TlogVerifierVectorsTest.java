package dev.signet.verify.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.internal.Certificates;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.testkit.TestRoots;
import dev.signet.verify.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rekor entries of real bundles (sigstore-js mock runs, public-good Rekor) against their trusted roots. */
class TlogVerifierVectorsTest {

  static Stream<Arguments> passingRekorV1Entries() {
    return Stream.of(
        Arguments.of("sigstore-js/mock-keyless-uri", "bundle-blob-rekor-v1-notsa.json", "hashedrekord", 1795701140L),
        Arguments.of("sigstore-js/mock-keyless-uri", "bundle-blob-rekor-v1-tsa.json", "hashedrekord", -1L),
        Arguments.of("sigstore-js/mock-keyless-email", "bundle-blob-rekor-v1-notsa.json", "hashedrekord", -1L),
        Arguments.of("sigstore-js/mock-keyless-email", "bundle-blob-rekor-v1-tsa.json", "hashedrekord", -1L),
        Arguments.of("sigstore-js/mock-keyless-email", "bundle-cli-attest.json", "intoto", 1795700514L));
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("passingRekorV1Entries")
  void rekorV1EntriesOfPassingBundlesVerify(String folder, String file, String kind, long integrated) throws Exception {
    Path dir = Vectors.dir(folder);
    TrustedRoot root = TestRoots.parse(Vectors.read(dir.resolve("trusted_root.json")));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve(file)));
    TlogEntry entry = TlogEntry.fromJson(bundle.verificationMaterial().tlogEntries().get(0));
    VerifiedLogEntry v = new TlogVerifier(root.tlogs(), WitnessPolicy.none())
        .verify(entry, content(bundle, Vectors.read(dir.resolve("artifact.txt"))), true);
    assertThat(v.kind()).isEqualTo(kind);
    assertThat(v.integratedTime()).isPresent();
    if (integrated > 0) {
      assertThat(v.integratedTime()).contains(Instant.ofEpochSecond(integrated));
    }
    assertThat(v.checkpoint()).isPresent();
    assertThat(v.log()).isEqualTo(root.tlogs().get(0));
  }

  @Test
  void publicGoodDsseEntryVerifiesOffline() throws Exception {
    Path dir = Vectors.dir("cosign/bundles");
    TrustedRoot root = TestRoots.parse(Vectors.read(dir.resolve("trusted_root_pgi.json")));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve("oci-attestation.sigstore.json")));
    TlogEntry entry = TlogEntry.fromJson(bundle.verificationMaterial().tlogEntries().get(0));
    assertThat(entry.logIndex()).isEqualTo(175508996L);
    assertThat(entry.inclusionProof().logIndex()).isEqualTo(53604734L);
    VerifiedLogEntry v = new TlogVerifier(root.tlogs(), WitnessPolicy.none()).verify(entry, content(bundle, null), true);
    assertThat(v.integratedTime()).contains(Instant.ofEpochSecond(1740770291L));
    assertThat(v.checkpoint().orElseThrow().checkpoint().size()).isEqualTo(53604735L);
    assertThat(v.log().baseUrl()).isEqualTo("https://rekor.sigstore.dev");
    // the same entry from the mock roots' point of view: unknown log
    TrustedRoot other = TestRoots.parse(Vectors.read(Vectors.dir("sigstore-js/mock-keyless-uri")
        .resolve("trusted_root.json")));
    assertThatThrownBy(() -> new TlogVerifier(other.tlogs(), WitnessPolicy.none()).verify(entry, content(bundle, null),
        true)).hasMessage("tlog entry: tlog entry 175508996 (dsse/0.0.1): log id "
            + "c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d is not a transparency log of the"
            + " trusted root");
  }

  @ParameterizedTest
  @MethodSource("mockFolders")
  void mockRekorV2EntryFailsOnItsInclusionProof(String folder) throws Exception {
    Path dir = Vectors.dir(folder);
    TrustedRoot root = TestRoots.parse(Vectors.read(dir.resolve("trusted_root.json")));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve("bundle-blob-rekor-v2-tsa.json")));
    TlogEntry entry = TlogEntry.fromJson(bundle.verificationMaterial().tlogEntries().get(0));
    assertThat(entry.isRekorV2()).isTrue();
    assertThatThrownBy(() -> new TlogVerifier(root.tlogs(), WitnessPolicy.none())
        .verify(entry, content(bundle, Vectors.read(dir.resolve("artifact.txt"))), true))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.INCLUSION_PROOF))
        .hasMessageContaining("invalid index: leaf " + entry.logIndex() + " is outside a tree of size 1");
  }

  static Stream<String> mockFolders() {
    return Stream.of("sigstore-js/mock-keyless-uri", "sigstore-js/mock-keyless-email");
  }

  @Test
  void mockDsseEntryFailsOnBodyConsistency() throws Exception {
    Path dir = Vectors.dir("sigstore-js/mock-keyless-email");
    TrustedRoot root = TestRoots.parse(Vectors.read(dir.resolve("trusted_root.json")));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve("bundle-dsse-rekor-v1-tsa.json")));
    TlogEntry entry = TlogEntry.fromJson(bundle.verificationMaterial().tlogEntries().get(0));
    assertThatThrownBy(() -> new TlogVerifier(root.tlogs(), WitnessPolicy.none()).verify(entry, content(bundle, null),
        true))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TLOG_ENTRY))
        .hasMessageContaining("uncanonicalized proposed entry");
  }

  @Test
  void legacyRekorBundleFromTheCosignSpecHasAValidSet() throws Exception {
    Path dir = Vectors.dir("cosign");
    TrustedRoot root = TestRoots.parse(Vectors.read(dir.resolve("bundles/trusted_root_pgi.json")));
    TlogEntry entry = TlogEntry.fromCosignBundle(Vectors.read(dir.resolve("spec-examples/legacy-rekor-bundle.json")));
    assertThat(entry.kind()).isEqualTo("rekord");
    assertThat(entry.logIndex()).isEqualTo(5179);
    assertThat(entry.integratedTime()).isEqualTo(1624396085L);
    String payload = new String(SignedEntryTimestamp.payload(entry), StandardCharsets.US_ASCII);
    assertThat(payload).startsWith("{\"body\":\"").endsWith("\",\"integratedTime\":1624396085,\"logID\":\""
        + "c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d\",\"logIndex\":5179}");
    SignedEntryTimestamp.verify(entry, root.tlogs().get(0));
    TlogEntry later = new TlogEntry(entry.logIndex(), entry.logId(), entry.kind(), entry.version(),
        entry.integratedTime() + 1, entry.signedEntryTimestamp(), null, entry.body());
    assertThatThrownBy(() -> SignedEntryTimestamp.verify(later, root.tlogs().get(0)))
        .hasMessageContaining("the signed entry timestamp does not verify with the key of log https://rekor.sigstore.dev");
  }

  /** What the bundle's log entry must record, taken from the bundle (and the artifact for message signatures). */
  static SignedContent content(SigstoreBundle bundle, byte[] artifact) throws Exception {
    byte[] der = bundle.verificationMaterial().leafCertificate();
    X509Certificate leaf = Certificates.parse(der, "leaf");
    byte[] spki = leaf.getPublicKey().getEncoded();
    if (bundle.isDsse()) {
      return SignedContent.dsse(bundle.dsseEnvelope(), bundle.dsseEnvelope().signatures().get(0).sig(), der, spki);
    }
    return SignedContent.message(bundle.messageSignature().signature(), der, spki, artifact);
  }

}
