package dev.signet.verify.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.x509.IdentityPolicy.Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fulcio extensions → {@link FulcioIdentity}; cosign's identity matching rules. */
class IdentityPolicyTest {

  private static final String GH_ISSUER = "https://token.actions.githubusercontent.com";
  private static final String WORKFLOW = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0";

  private static FulcioIdentity githubV1AndV2() throws VerificationException {
    TestPki.Issued root = TestPki.root("fulcio");
    return FulcioIdentity.of(TestPki.fulcioLeaf(root, "unused@x").sanUri(WORKFLOW)
        .rawString(FulcioIdentity.ISSUER_V1, GH_ISSUER).derUtf8(FulcioIdentity.ISSUER_V2, GH_ISSUER)
        .rawString(FulcioIdentity.GITHUB_WORKFLOW_TRIGGER, "push").rawString(FulcioIdentity.GITHUB_WORKFLOW_SHA, "abc123")
        .rawString(FulcioIdentity.GITHUB_WORKFLOW_NAME, "Release").rawString(FulcioIdentity.GITHUB_WORKFLOW_REPOSITORY, "acme/app")
        .rawString(FulcioIdentity.GITHUB_WORKFLOW_REF, "refs/tags/v1.0.0")
        .derUtf8(FulcioIdentity.SOURCE_REPOSITORY_URI, "https://github.com/acme/app").derUtf8(FulcioIdentity.BUILD_TRIGGER, "push")
        .build().cert());
  }

  private static FulcioIdentity githubV2Only() throws VerificationException {
    TestPki.Issued root = TestPki.root("fulcio");
    return FulcioIdentity.of(TestPki.cert().issuer(root).eku(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_codeSigning)
        .sanUri(WORKFLOW).derUtf8(FulcioIdentity.ISSUER_V2, GH_ISSUER)
        .derUtf8(FulcioIdentity.BUILD_TRIGGER, "workflow_dispatch").derUtf8(FulcioIdentity.SOURCE_REPOSITORY_DIGEST, "def456")
        .derUtf8(FulcioIdentity.SOURCE_REPOSITORY_URI, "https://github.com/acme/app")
        .derUtf8(FulcioIdentity.SOURCE_REPOSITORY_REF, "refs/heads/main").build().cert());
  }

  private static void rejects(IdentityPolicy policy, FulcioIdentity id, String message) {
    assertThatThrownBy(() -> policy.check(id))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.IDENTITY))
        .hasMessage("identity: " + message);
  }

  @Test
  void readsV1AndV2Extensions() throws Exception {
    FulcioIdentity id = githubV1AndV2();
    assertThat(id.sans().uris()).containsExactly(WORKFLOW);
    assertThat(id.sans().emails()).isEmpty(); // sanUri replaced the email SAN
    assertThat(id.issuer()).isEqualTo(GH_ISSUER);
    assertThat(id.githubWorkflowTrigger()).isEqualTo("push");
    assertThat(id.githubWorkflowSha()).isEqualTo("abc123");
    assertThat(id.githubWorkflowName()).isEqualTo("Release");
    assertThat(id.githubWorkflowRepository()).isEqualTo("acme/app");
    assertThat(id.githubWorkflowRef()).isEqualTo("refs/tags/v1.0.0");
    assertThat(id.sortedExtensions()).containsKeys(FulcioIdentity.ISSUER_V1, FulcioIdentity.ISSUER_V2,
        FulcioIdentity.SOURCE_REPOSITORY_URI, FulcioIdentity.BUILD_TRIGGER)
        .containsEntry(FulcioIdentity.SOURCE_REPOSITORY_URI, "https://github.com/acme/app");
  }

  @Test
  void fallsBackToV2ExtensionsAndIssuer() throws Exception {
    FulcioIdentity id = githubV2Only();
    assertThat(id.issuer()).isEqualTo(GH_ISSUER);
    assertThat(id.githubWorkflowTrigger()).isEqualTo("workflow_dispatch");
    assertThat(id.githubWorkflowSha()).isEqualTo("def456");
    assertThat(id.githubWorkflowRepository()).isEqualTo("acme/app");
    assertThat(id.githubWorkflowRef()).isEqualTo("refs/heads/main");
    assertThat(id.githubWorkflowName()).isEmpty();
  }

  @Test
  void issuerV2WinsOverV1AndV1IsRaw() throws Exception {
    TestPki.Issued root = TestPki.root("fulcio");
    FulcioIdentity both = FulcioIdentity.of(TestPki.fulcioLeaf(root, "a@x").rawString(FulcioIdentity.ISSUER_V1, "https://v1")
        .derUtf8(FulcioIdentity.ISSUER_V2, "https://v2").build().cert());
    assertThat(both.issuer()).isEqualTo("https://v2");
    FulcioIdentity v1 = FulcioIdentity.of(TestPki.cert().issuer(root).sanEmail("a@x").rawString(FulcioIdentity.ISSUER_V1, "https://v1")
        .build().cert());
    assertThat(v1.issuer()).isEqualTo("https://v1");
    FulcioIdentity none = FulcioIdentity.of(TestPki.cert().issuer(root).sanEmail("a@x").build().cert());
    assertThat(none.issuer()).isEmpty();
    rejects(IdentityPolicy.of(Identity.exact("a@x", "https://v1")), none, "issuer (none in certificate) is not https://v1");
  }

  @Test
  void otherNameSanAndSchemeLessUri() throws Exception {
    TestPki.Issued root = TestPki.root("fulcio");
    FulcioIdentity user = FulcioIdentity.of(TestPki.cert().issuer(root)
        .sanOtherName(FulcioIdentity.OTHER_NAME_SAN, "alice!example.com").build().cert());
    assertThat(user.sans().otherNames()).containsExactly("alice!example.com");
    IdentityPolicy.of(Identity.exact("alice!example.com", "")).check(user);
    FulcioIdentity schemeLess = FulcioIdentity.of(TestPki.cert().issuer(root).sanUri("signer@example.com").build().cert());
    assertThat(schemeLess.subjectAlternativeNames()).containsExactly("signer@example.com");
  }

  @Test
  void exactAndRegexpMatchingLikeCosign() throws Exception {
    FulcioIdentity id = githubV1AndV2();
    IdentityPolicy.of(Identity.exact(WORKFLOW, GH_ISSUER)).check(id);
    // unanchored, as Go's MatchString
    IdentityPolicy.of(Identity.regexp("acme/app", "githubusercontent")).check(id);
    IdentityPolicy.of(Identity.regexp("^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v\\d+\\.\\d+\\.\\d+$",
        "^https://token\\.actions\\.githubusercontent\\.com$")).check(id);
    // regexp wins over the exact value of the same field
    IdentityPolicy.of(new Identity("someone-else", "acme", "", "")).check(id);
    // a list matches if any identity does
    IdentityPolicy.of(Identity.exact("nobody", GH_ISSUER), Identity.exact(WORKFLOW, GH_ISSUER)).check(id);
    // no identity: no SAN/issuer constraint
    IdentityPolicy.of().check(id);
  }

  @Test
  void rejectsWrongSubjectIssuerAndRegexps() throws Exception {
    FulcioIdentity id = githubV1AndV2();
    rejects(IdentityPolicy.of(Identity.exact("alice@x", GH_ISSUER)), id, "subject " + WORKFLOW + " is not alice@x");
    rejects(IdentityPolicy.of(Identity.regexp("^https://github\\.com/evil/", "")), id,
        "subject " + WORKFLOW + " does not match regexp ^https://github\\.com/evil/");
    rejects(IdentityPolicy.of(Identity.regexp("", "^https://accounts\\.google\\.com$")), id,
        "issuer " + GH_ISSUER + " does not match regexp ^https://accounts\\.google\\.com$");
    rejects(IdentityPolicy.of(Identity.exact("alice@x", "https://other")), id,
        "subject " + WORKFLOW + " is not alice@x and issuer " + GH_ISSUER + " is not https://other");
    rejects(IdentityPolicy.of(Identity.exact("a", GH_ISSUER), Identity.exact(WORKFLOW, "https://b")), id,
        "none of the 2 expected identities matched the certificate: subject " + WORKFLOW + " is not a; issuer "
            + GH_ISSUER + " is not https://b");
    rejects(IdentityPolicy.of(Identity.regexp("(unclosed", "")), id,
        "malformed subject regexp (unclosed: Unclosed group");
  }

  @Test
  void githubWorkflowClaims() throws Exception {
    FulcioIdentity id = githubV1AndV2();
    IdentityPolicy base = IdentityPolicy.of(Identity.exact(WORKFLOW, GH_ISSUER));
    base.withGithubWorkflow("push", "abc123", "Release", "acme/app", "refs/tags/v1.0.0").check(id);
    rejects(base.withGithubWorkflow("release", "", "", "", ""), id, "GitHub workflow trigger push is not release");
    rejects(base.withGithubWorkflow("", "fff", "", "", ""), id, "GitHub workflow SHA abc123 is not fff");
    rejects(base.withGithubWorkflow("", "", "", "acme/other", ""), id, "GitHub workflow repository acme/app is not acme/other");
    rejects(base.withGithubWorkflow("", "", "", "", "refs/heads/main"), id,
        "GitHub workflow ref refs/tags/v1.0.0 is not refs/heads/main");
    rejects(base.withGithubWorkflow("", "", "CI", "", ""), githubV2Only(), "GitHub workflow name is absent from the certificate");
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource(delimiter = '|', value = {
      // Go: $ without (?m) is end of text only; Java's would also match before a final newline
      "^a$ | 'a\n' | false",
      "^a$ | a | true",
      "(?m)^a$ | 'a\nb' | true",
      "(?P<user>[a-z]+)@example\\.com | bob@example.com | true",
      "^[[:alpha:]]+$ | abc | true",
      "^[[:alpha:]]+$ | ab1 | false",
      "^[[:^digit:]]+$ | abc | true",
      "^[a[]+$ | a[a | true",
      "^[a&&b]+$ | a&b | true",
      "^[]a]+$ | ]a | true",
      "\\Q.*\\E$ | x.* | true",
  })
  void goRegexpSemantics(String re, String input, boolean matches) {
    assertThat(GoRegexp.compile(re).matcher(input).find()).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({"(?U)a+", "a\\C", "[[:nope:]]"})
  void goRegexpRejectsWhatJavaCannotExpress(String re) {
    assertThatThrownBy(() -> GoRegexp.compile(re)).isInstanceOf(java.util.regex.PatternSyntaxException.class);
  }

  @ParameterizedTest
  @CsvSource({"(?U)a+", "a\\C", "[[:nope:]]", "(unclosed"})
  void validateRegexpRefusesWhatMatchingWouldRefuseNamingTheExpression(String re) {
    assertThatThrownBy(() -> IdentityPolicy.validateRegexp(re)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(re + " is not a valid regular expression: ");
  }

  @ParameterizedTest
  @CsvSource({"^release@signet\\.test$", "(?P<user>[a-z]+)@", "^[[:alpha:]]+$"})
  void validateRegexpAcceptsGoSyntax(String re) {
    IdentityPolicy.validateRegexp(re); // does not throw
    assertThat(GoRegexp.compile(re)).isNotNull();
  }
}
