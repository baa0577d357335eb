package dev.signet.verify.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.testkit.Vectors;
import dev.signet.verify.tsa.TimestampVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sigstore-js mock-keyless bundle: the leaf chains to its folder's CA at the log and TSA times,
 * its SCT verifies against the folder's CT log, its identity is the one MANIFEST.md lists; the other
 * folder's root and the public-good root are rejected.
 */
class KeylessVectorsTest {

  static List<String> bundles() {
    return Vectors.keylessBundles();
  }

  static TrustedRoot root(Path p) throws Exception {
    return TrustedRootParser.parse(Files.readAllBytes(p));
  }

  /** The trusted times MANIFEST.md says verification uses: the SET-backed integrated time and each TSA genTime. */
  static List<Instant> times(Vectors.Bundle b, TrustedRoot root) throws VerificationException {
    List<Instant> times = new ArrayList<>();
    b.integratedTime().ifPresent(times::add);
    for (byte[] token : b.timestamps()) {
      times.add(TimestampVerifier.verify(token, b.signature(), root.timestampAuthorities()));
    }
    return times;
  }

  @ParameterizedTest
  @MethodSource("bundles")
  void chainVerifiesAtEveryTrustedTime(String file) throws Exception {
    Vectors.Bundle b = Vectors.bundle(file);
    TrustedRoot root = root(b.trustedRoot());
    List<Instant> times = times(b, root);
    assertThat(times).as("each bundle has a trusted time").isNotEmpty();
    for (Instant t : times) {
      VerifiedChain chain = CertificateChainVerifier.verifyPath(b.leaf(), b.chain().subList(1, b.chain().size()),
          root.certificateAuthorities(), t, CertificatePurpose.CODE_SIGNING);
      assertThat(chain.authority()).isEqualTo(root.certificateAuthorities().get(0));
      assertThat(chain.issuer()).isEqualTo(root.certificateAuthorities().get(0).root());
      assertThat(CertificateChainVerifier.verify(b.leaf(), List.of(), root.certificateAuthorities(), t))
          .isEqualTo(chain.authority());
    }
  }

  @ParameterizedTest
  @MethodSource("bundles")
  void chainFailsAfterTheTenMinuteWindow(String file) throws Exception {
    Vectors.Bundle b = Vectors.bundle(file);
    TrustedRoot root = root(b.trustedRoot());
    Instant late = b.leaf().getNotAfter().toInstant().plusSeconds(1);
    assertThatThrownBy(() -> CertificateChainVerifier.verify(b.leaf(), List.of(), root.certificateAuthorities(), late))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.CERTIFICATE_CHAIN))
        .hasMessageContaining("expired before " + late);
  }

  @ParameterizedTest
  @MethodSource("bundles")
  void otherFoldersRootAndPublicGoodRootAreRejected(String file) throws Exception {
    Vectors.Bundle b = Vectors.bundle(file);
    Instant t = times(b, root(b.trustedRoot())).get(0);
    TrustedRoot other = root(b.otherTrustedRoot());
    // the email run came first: the uri root's CA is not yet valid at the email bundles' times
    boolean otherCaValid = other.certificateAuthorities().get(0).validFor().contains(t);
    assertThat(otherCaValid).isEqualTo(file.contains("-uri/"));
    assertThatThrownBy(() -> CertificateChainVerifier.verify(b.leaf(), List.of(), other.certificateAuthorities(), t))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.CERTIFICATE_CHAIN))
        .hasMessageContaining(otherCaValid
            ? "not signed by any CA in the trusted root valid at " + t + ": leaf SAN "
            : "no certificate authority in the trusted root is valid at " + t);
    if (otherCaValid) {
      assertThatThrownBy(() -> CertificateChainVerifier.verify(b.leaf(), List.of(), other.certificateAuthorities(), t))
          .hasMessageContaining("signature does not verify with the key of O=sigstore.mock,CN=sigstore");
    }
    TrustedRoot pgi = root(Vectors.file("cosign/bundles/trusted_root_pgi.json"));
    assertThatThrownBy(() -> CertificateChainVerifier.verify(b.leaf(), List.of(), pgi.certificateAuthorities(), t))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.CERTIFICATE_CHAIN))
        .hasMessageContaining("issuer O=sigstore.mock,CN=sigstore is not in the chain");
    for (byte[] token : b.timestamps()) {
      assertThatThrownBy(() -> TimestampVerifier.verify(token, b.signature(), other.timestampAuthorities()))
          .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TIMESTAMP));
      assertThatThrownBy(() -> TimestampVerifier.verify(token, b.signature(), pgi.timestampAuthorities()))
          .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TIMESTAMP))
          .hasMessageContaining("the trusted root has no timestamp authority");
    }
  }

  @ParameterizedTest
  @MethodSource("bundles")
  void embeddedSctVerifiesWithTheFoldersCtLogOnly(String file) throws Exception {
    Vectors.Bundle b = Vectors.bundle(file);
    TrustedRoot root = root(b.trustedRoot());
    CertificateAuthority ca = root.certificateAuthorities().get(0);
    assertThat(SctVerifier.verify(b.leaf(), ca.root(), root.ctlogs(), 1)).isEqualTo(1);
    TrustedRoot other = root(b.otherTrustedRoot());
    assertThatThrownBy(() -> SctVerifier.verify(b.leaf(), ca.root(), other.ctlogs(), 1))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SCT))
        .hasMessageContaining("no CT log key with id " + java.util.HexFormat.of().formatHex(root.ctlogs().get(0).logId()));
    // with the right log but the wrong issuer key hash the signature cannot verify
    assertThatThrownBy(() -> SctVerifier.verify(b.leaf(), other.certificateAuthorities().get(0).root(), root.ctlogs(), 1))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SCT))
        .hasMessageContaining("does not verify");
  }

  @ParameterizedTest
  @MethodSource("bundles")
  void identityIsTheManifestsAndOthersAreRejected(String file) throws Exception {
    Vectors.Bundle b = Vectors.bundle(file);
    String expected = file.contains("-email/") ? "signer@example.com" : "https://signer.example.com/ci";
    FulcioIdentity id = FulcioIdentity.of(b.leaf());
    assertThat(id.sans().uris()).containsExactly(expected);
    assertThat(id.sans().emails()).isEmpty();
    assertThat(id.issuer()).isEqualTo("https://oidc.mock.local");
    assertThat(id.extensions()).containsEntry(FulcioIdentity.ISSUER_V1, "https://oidc.mock.local")
        .containsEntry(FulcioIdentity.ISSUER_V2, "https://oidc.mock.local");
    IdentityPolicy.of(IdentityPolicy.Identity.exact(expected, "https://oidc.mock.local")).check(id);
    String wrong = file.contains("-email/") ? "https://signer.example.com/ci" : "signer@example.com";
    assertThatThrownBy(() -> IdentityPolicy.of(IdentityPolicy.Identity.exact(wrong, "https://oidc.mock.local")).check(id))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.IDENTITY))
        .hasMessage("identity: subject " + expected + " is not " + wrong);
    assertThatThrownBy(() -> IdentityPolicy.of(IdentityPolicy.Identity.exact(expected, "https://accounts.google.com")).check(id))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.IDENTITY))
        .hasMessage("identity: issuer https://oidc.mock.local is not https://accounts.google.com");
  }
}
