package dev.signet.oracle.sigstorejava;

import static dev.signet.oracle.sigstorejava.Expect.accepted;
import static dev.signet.oracle.sigstorejava.Expect.parseFailure;
import static dev.signet.oracle.sigstorejava.Expect.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.crypto.keys.PublicKeys;
import dev.signet.verify.VerificationPolicy;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every keyless bundle of the shared vectors through sigstore-java 2.0.0 and through Signet's engine, with
 * the same trusted root, identity and artifact digest. Where the vectors' MANIFEST.md says sigstore-java
 * can judge a bundle, both must agree; where it documents a sigstore-java limitation (a parse failure or
 * a check that real Rekor entries pass and mock ones do not), that exact failure is asserted, so the test
 * fails when either side changes its answer.
 */
class VectorAgreementTest {
  private static final String MOCK_ISSUER = "https://oidc.mock.local";
  private static final String URI_SAN = "https://signer.example.com/ci";
  private static final String EMAIL_SAN = "signer@example.com";
  private static final String NO_SCHEME = "Could not parse bundle certificate chain";
  private static final String NO_SCHEME_CAUSE = "URI name must include scheme:signer@example.com";
  private static final String PEM_REBUILT = "Provided verification materials are inconsistent with log entry";
  private static final String NO_TLOG = "Could not find any tlog entries in bundle json";

  private static SigstoreJavaOracle sigstoreJava;
  private static SignetEngine signet;
  private static final StringBuilder TABLE = new StringBuilder();

  /**
   * One keyless vector: folder and bundle under the vectors root, identity, the expected answers of both
   * verifiers, and why they differ when they do (null: they agree).
   */
  record Row(String folder, String bundle, String san, String issuer, String artifact, Expect signet,
      Expect sigstoreJava, String whyTheyDiffer) {
    @Override
    public String toString() {
      return folder + "/" + bundle;
    }
  }

  @BeforeAll
  static void start() {
    sigstoreJava = new SigstoreJavaOracle();
    signet = new SignetEngine();
  }

  @AfterAll
  static void printTable() {
    System.out.println("sigstore-java 2.0.0 vs Signet on the shared vectors\n" + TABLE);
  }

  static Stream<Row> keylessRows() {
    String uri = "sigstore-js/mock-keyless-uri";
    String email = "sigstore-js/mock-keyless-email";
    String pemReason = "sigstore-java rebuilds the hashedrekord body with a 64-column PEM and compares it; the npm mock"
        + " logged the client's one-line PEM (real Rekor stores the wrapped form)";
    String schemeReason = "the JDK's X.509 parser in sigstore-java rejects a URI SAN without a scheme;"
        + " Signet parses SANs leniently and judges the identity by policy";
    return Stream.of(
        new Row("cosign/bundles", "oci-attestation.sigstore.json", "cody@soyland.com", "https://github.com/login/oauth",
            null, accepted(), accepted(), null),
        new Row(uri, "bundle-blob-rekor-v1-notsa.json", URI_SAN, MOCK_ISSUER, "artifact.txt",
            accepted(), rejected(PEM_REBUILT), pemReason),
        new Row(uri, "bundle-blob-rekor-v1-tsa.json", URI_SAN, MOCK_ISSUER, "artifact.txt",
            accepted(), rejected(PEM_REBUILT), pemReason),
        new Row(uri, "bundle-blob-rekor-v2-tsa.json", URI_SAN, MOCK_ISSUER, "artifact.txt",
            rejected("invalid index"), rejected("Could not extract body from log entry"), null),
        new Row(email, "bundle-blob-rekor-v1-notsa.json", EMAIL_SAN, MOCK_ISSUER, "artifact.txt",
            accepted(), parseFailure(NO_SCHEME), schemeReason),
        new Row(email, "bundle-blob-rekor-v1-tsa.json", EMAIL_SAN, MOCK_ISSUER, "artifact.txt",
            accepted(), parseFailure(NO_SCHEME), schemeReason),
        new Row(email, "bundle-cli-attest.json", EMAIL_SAN, MOCK_ISSUER, "artifact.txt",
            accepted(), parseFailure(NO_SCHEME), schemeReason),
        new Row(email, "bundle-blob-rekor-v2-tsa.json", EMAIL_SAN, MOCK_ISSUER, "artifact.txt",
            rejected("invalid index"), parseFailure(NO_SCHEME), null),
        new Row(email, "bundle-dsse-rekor-v1-tsa.json", EMAIL_SAN, MOCK_ISSUER, "artifact.txt",
            rejected("uncanonicalized proposed entry"), parseFailure(NO_SCHEME), null),
        new Row(email, "bundle-blob-none-tsa.json", EMAIL_SAN, MOCK_ISSUER, "artifact.txt",
            rejected("expected 1 verified tlog entries, got 0"), parseFailure(NO_TLOG), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keylessRows")
  void keylessBundles(Row row) throws Exception {
    Path dir = Vectors.dir(row.folder());
    Path root = dir.resolve(row.folder().startsWith("cosign") ? "trusted_root_pgi.json" : "trusted_root.json");
    byte[] json = Vectors.read(dir.resolve(row.bundle()));
    byte[] digest = row.artifact() == null
        ? HexFormat.of().parseHex("732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4")
        : sha256(Vectors.read(dir.resolve(row.artifact())));

    Outcome js = sigstoreJava.verify(json, root, row.san(), row.issuer(), digest);
    Outcome engine = signet.verify(json, root, row.san(), row.issuer(), digest);
    TABLE.append(String.format("%-58s | signet: %-70.70s | sigstore-java: %s%n", row, engine, js));

    row.signet().assertMatches(engine, "Signet on " + row);
    row.sigstoreJava().assertMatches(js, "sigstore-java on " + row);
    if (row.sigstoreJava().fragment().equals(NO_SCHEME)) {
      assertThat(js.message()).contains(NO_SCHEME_CAUSE);
    }
    if (row.whyTheyDiffer() == null) {
      assertThat(engine.ok()).as("both must agree on " + row + ": signet " + engine + ", sigstore-java " + js)
          .isEqualTo(js.ok());
    } else {
      assertThat(engine.ok()).as("documented disagreement on " + row + " (" + row.whyTheyDiffer() + ")")
          .isNotEqualTo(js.ok());
    }
    if (engine.ok() && js.ok()) {
      // agreement on acceptance must also be agreement on the identity: both reject another SAN
      Outcome jsOther = sigstoreJava.verify(json, root, "someone@example.com", row.issuer(), digest);
      Outcome engineOther = signet.verify(json, root, "someone@example.com", row.issuer(), digest);
      rejected("No provided certificate identities matched").assertMatches(jsOther, "sigstore-java, other SAN");
      rejected("identity:").assertMatches(engineOther, "Signet, other SAN");
    }
  }

  /**
   * The public-key bundles (sigstore-js/pubkey and cosign/dsse-keyed): sigstore-java has no public-key
   * support and fails at parsing (no tlog entry); Signet verifies them in key mode as the MANIFEST says.
   */
  static Stream<String[]> keyRows() {
    return Stream.of(
        new String[] {"sigstore-js/pubkey", "bundle-pubkey-v03.sigstore.json", "OK"},
        new String[] {"sigstore-js/pubkey", "bundle-pubkey-v03-minimal.sigstore.json", "OK"},
        new String[] {"sigstore-js/pubkey", "bundle-pubkey-from-sigstore-sign.json", "OK"},
        new String[] {"cosign/dsse-keyed", "blobSLSAProvenanceSignature.pubkey-bundle.sigstore.json", "OK"},
        new String[] {"cosign/dsse-keyed", "dssePredicateMultipleSubjects.pubkey-bundle.sigstore.json", "OK"},
        new String[] {"cosign/dsse-keyed", "dssePredicateEmptySubject.pubkey-bundle.sigstore.json", "subject"},
        new String[] {"cosign/dsse-keyed", "dssePredicateMissingSha256.pubkey-bundle.sigstore.json", "subject"},
        new String[] {"cosign/dsse-keyed", "dssePredicateMultipleSubjectsInvalid.pubkey-bundle.sigstore.json", "subject"},
        new String[] {"cosign/dsse-keyed", "badsig.pubkey-bundle.sigstore.json", "signature"});
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("keyRows")
  void keyBundlesAreParseFailuresInSigstoreJava(String folder, String file, String signetAnswer) throws Exception {
    Path dir = Vectors.dir(folder);
    boolean js = folder.startsWith("sigstore-js");
    byte[] json = Vectors.read(dir.resolve(file));
    byte[] digest = sha256(Vectors.read(dir.resolve(js ? "blob.txt" : "blob")));
    Path root = dir.resolve("empty_trusted_root.json");

    Outcome sj = sigstoreJava.verify(json, Vectors.dir("cosign/bundles").resolve("trusted_root_pgi.json"),
        "any", "any", digest);
    VerificationPolicy policy = VerificationPolicy.forKey(PublicKeys.parse(
        Vectors.read(dir.resolve(js ? "key.pub.pem" : "cosign.pub")), "key")).withTlogThreshold(0);
    Outcome engine = signet.verify(json, root, digest, policy);
    TABLE.append(String.format("%-58s | signet: %-70.70s | sigstore-java: %s%n", folder + "/" + file, engine, sj));

    parseFailure(NO_TLOG).assertMatches(sj, "sigstore-java on " + file);
    if (signetAnswer.equals("OK")) {
      accepted().assertMatches(engine, "Signet on " + file);
    } else {
      assertThat(engine.ok()).as("Signet on " + file + ": " + engine).isFalse();
      assertThat(engine.message().toLowerCase(Locale.ROOT)).as("Signet on " + file).contains(signetAnswer);
    }
  }

  @Test
  void trustedRootsOfTheVectorsLoadInBoth() throws Exception {
    // a root that does not load would turn every row above into a ROOT failure: pin that it loads
    byte[] pgi = Vectors.read(Vectors.dir("cosign/bundles").resolve("oci-attestation.sigstore.json"));
    for (String folder : new String[] {"sigstore-js/mock-keyless-uri", "sigstore-js/mock-keyless-email"}) {
      Path root = Vectors.dir(folder).resolve("trusted_root.json");
      Outcome js = sigstoreJava.verify(pgi, root, "cody@soyland.com", "https://github.com/login/oauth", new byte[32]);
      Outcome engine = signet.verify(pgi, root, "cody@soyland.com", "https://github.com/login/oauth", new byte[32]);
      assertThat(js.stage()).as("sigstore-java, " + folder + ": " + js).isEqualTo(Outcome.Stage.VERIFY);
      assertThat(engine.stage()).as("Signet, " + folder + ": " + engine).isEqualTo(Outcome.Stage.VERIFY);
    }
  }

  static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
