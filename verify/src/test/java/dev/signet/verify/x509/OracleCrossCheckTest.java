package dev.signet.verify.x509;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.root.TrustedRootWriter;
import dev.signet.verify.root.ValidityWindow;
import dev.signet.verify.testkit.Vectors;
import dev.signet.verify.tsa.TimestampVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same verdicts as @sigstore/verify on the sigstore-js PASS bundles under trusted roots that Signet's
 * {@link TrustedRootWriter} rewrote, unchanged or with one trust element broken: the oracle verifies
 * the whole bundle, Signet's certificate side (chain at the trusted times, SCT, TSA, identity) must
 * accept exactly when it does and name the check that differs. Also proves the writer's output is
 * a trusted root sigstore-js loads.
 */
class OracleCrossCheckTest {

  private static final String ISSUER = "https://oidc.mock.local";

  private record Variant(String name, UnaryOperator<TrustedRoot> change, boolean wrongIdentity, Check expected) {}

  private static final List<String> PASSING = List.of(
      "sigstore-js/mock-keyless-uri/bundle-blob-rekor-v1-notsa.json",
      "sigstore-js/mock-keyless-uri/bundle-blob-rekor-v1-tsa.json",
      "sigstore-js/mock-keyless-email/bundle-blob-rekor-v1-notsa.json",
      "sigstore-js/mock-keyless-email/bundle-blob-rekor-v1-tsa.json",
      "sigstore-js/mock-keyless-email/bundle-cli-attest.json");

  private static final Instant FAR_FUTURE = Instant.parse("2030-01-01T00:00:00Z");

  private static List<Variant> variants() {
    return List.of(
        new Variant("as written", r -> r, false, null),
        new Variant("wrong identity", r -> r, true, Check.IDENTITY),
        new Variant("CA validFor starts later", r -> new TrustedRoot(r.mediaType(), r.tlogs(),
            r.certificateAuthorities().stream().map(ca -> new CertificateAuthority(ca.uri(), ca.subject(), ca.chain(),
                ValidityWindow.from(FAR_FUTURE))).toList(), r.ctlogs(), r.timestampAuthorities()), false, Check.CERTIFICATE_CHAIN),
        new Variant("no CT log", r -> new TrustedRoot(r.mediaType(), r.tlogs(), r.certificateAuthorities(), List.of(),
            r.timestampAuthorities()), false, Check.SCT),
        new Variant("CT log validFor starts later", r -> new TrustedRoot(r.mediaType(), r.tlogs(), r.certificateAuthorities(),
            r.ctlogs().stream().map(l -> new TransparencyLog(l.baseUrl(), l.logId(), l.key(), l.keyDetails(),
                ValidityWindow.from(FAR_FUTURE))).toList(), r.timestampAuthorities()), false, Check.SCT),
        // only bundles with an RFC 3161 token are affected
        new Variant("TSA validFor starts later", r -> new TrustedRoot(r.mediaType(), r.tlogs(), r.certificateAuthorities(),
            r.ctlogs(), r.timestampAuthorities().stream().map(a -> new CertificateAuthority(a.uri(), a.subject(), a.chain(),
                ValidityWindow.from(FAR_FUTURE))).toList()), false, Check.TIMESTAMP));
  }

  /** Signet's verdict: null when every certificate-side check passes, else the failed check. */
  private static Check signet(Vectors.Bundle b, TrustedRoot root, String identity) {
    try {
      List<Instant> times = new ArrayList<>();
      b.integratedTime().ifPresent(times::add);
      for (byte[] token : b.timestamps()) {
        times.add(TimestampVerifier.verify(token, b.signature(), root.timestampAuthorities()));
      }
      VerifiedChain chain = null;
      for (Instant t : times) {
        chain = CertificateChainVerifier.verifyPath(b.leaf(), b.chain().subList(1, b.chain().size()),
            root.certificateAuthorities(), t, CertificatePurpose.CODE_SIGNING);
      }
      SctVerifier.verify(b.leaf(), chain.issuer(), root.ctlogs(), 1);
      IdentityPolicy.of(IdentityPolicy.Identity.exact(identity, ISSUER)).check(FulcioIdentity.of(b.leaf()));
      return null;
    } catch (VerificationException e) {
      return e.check();
    }
  }

  @Test
  void signetAgreesWithSigstoreVerify(@TempDir Path dir) throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    List<OracleRequest> requests = new ArrayList<>();
    List<Check> signetVerdicts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String file : PASSING) {
      Vectors.Bundle b = Vectors.bundle(file);
      TrustedRoot original = TrustedRootParser.parse(Files.readAllBytes(b.trustedRoot()));
      String identity = file.contains("-email/") ? "signer@example.com" : "https://signer.example.com/ci";
      for (Variant v : variants()) {
        TrustedRoot root = v.change().apply(original);
        Path rootFile = Files.write(dir.resolve("root-" + requests.size() + ".json"), TrustedRootWriter.write(root));
        String expectedIdentity = v.wrongIdentity() ? "someone@else.example" : identity;
        requests.add(new OracleRequest(b.path(), null, rootFile, expectedIdentity, ISSUER,
            b.folder().resolve("artifact.txt"), null, null));
        signetVerdicts.add(signet(b, root, expectedIdentity));
        labels.add(b.folder().getFileName() + "/" + b.path().getFileName() + " [" + v.name() + "]");
        Check expected = v.expected() == Check.TIMESTAMP && b.timestamps().isEmpty() ? null : v.expected();
        assertThat(signetVerdicts.get(signetVerdicts.size() - 1)).as(labels.get(labels.size() - 1)).isEqualTo(expected);
      }
    }
    List<OracleResult> results = oracle.verifyAll(requests);
    for (int i = 0; i < results.size(); i++) {
      OracleResult r = results.get(i);
      assertThat(r.ok()).as("@sigstore/verify on %s: %s; Signet: %s", labels.get(i), r, signetVerdicts.get(i))
          .isEqualTo(signetVerdicts.get(i) == null);
      if (signetVerdicts.get(i) == Check.IDENTITY) {
        assertThat(r.code()).as(labels.get(i)).isEqualTo("UNTRUSTED_SIGNER_ERROR");
      } else if (signetVerdicts.get(i) != null) {
        assertThat(r.code()).as(labels.get(i)).isIn("CERTIFICATE_ERROR", "TIMESTAMP_ERROR", "UNTRUSTED_SIGNER_ERROR");
      }
    }
    assertThat(Optional.of(results.size())).contains(PASSING.size() * variants().size());
  }
}
