package dev.signet.sigstore.ca.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.signet.sigstore.ca.FulcioExtension;
import dev.signet.sigstore.ca.Identity;
import dev.signet.sigstore.ca.Identity.SanType;
import dev.signet.sigstore.ca.oidc.TokenRejectedException.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fulcio's claim → identity mapping per issuer type (values from the reference's §4.2 table). */
class PrincipalsTest {
  private static final String GH = "https://token.actions.githubusercontent.com";

  private static Identity identity(OidcIssuer issuer, Map<String, Object> claims) throws TokenRejectedException {
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer.issuerUrl());
    claims.forEach(b::claim);
    return Principals.identity(new VerifiedToken(issuer, b.build()));
  }

  private static Map<Integer, String> byArc(Identity id) {
    Map<Integer, String> m = new LinkedHashMap<>();
    id.extensions().forEach(e -> m.put(e.arc(), e.value()));
    return m;
  }

  static Map<String, Object> githubClaims() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("sub", "repo:octo/app:ref:refs/heads/main");
    c.put("job_workflow_ref", "octo/app/.github/workflows/release.yml@refs/heads/main");
    c.put("job_workflow_sha", "1111111111111111111111111111111111111111");
    c.put("repository", "octo/app");
    c.put("repository_id", "42");
    c.put("repository_owner", "octo");
    c.put("repository_owner_id", "7");
    c.put("repository_visibility", "public");
    c.put("sha", "2222222222222222222222222222222222222222");
    c.put("ref", "refs/heads/main");
    c.put("event_name", "push");
    c.put("workflow", "Release");
    c.put("workflow_ref", "octo/app/.github/workflows/release.yml@refs/heads/main");
    c.put("workflow_sha", "3333333333333333333333333333333333333333");
    c.put("run_id", "100");
    c.put("run_attempt", "2");
    c.put("runner_environment", "github-hosted");
    return c;
  }

  @Test
  void githubActionsClaimsBecomeTheWorkflowExtensions() throws Exception {
    Identity id = identity(OidcIssuer.of(GH, IssuerType.GITHUB_ACTIONS), githubClaims());
    assertEquals(SanType.URI, id.sanType());
    assertEquals("https://github.com/octo/app/.github/workflows/release.yml@refs/heads/main", id.san());
    assertEquals("repo:octo/app:ref:refs/heads/main", id.challenge());
    Map<Integer, String> expected = new LinkedHashMap<>();
    expected.put(1, GH);
    expected.put(2, "push");
    expected.put(3, "2222222222222222222222222222222222222222");
    expected.put(4, "Release");
    expected.put(5, "octo/app");
    expected.put(6, "refs/heads/main");
    expected.put(8, GH);
    expected.put(9, "https://github.com/octo/app/.github/workflows/release.yml@refs/heads/main");
    expected.put(10, "1111111111111111111111111111111111111111");
    expected.put(11, "github-hosted");
    expected.put(12, "https://github.com/octo/app");
    expected.put(13, "2222222222222222222222222222222222222222");
    expected.put(14, "refs/heads/main");
    expected.put(15, "42");
    expected.put(16, "https://github.com/octo");
    expected.put(17, "7");
    expected.put(18, "https://github.com/octo/app/.github/workflows/release.yml@refs/heads/main");
    expected.put(19, "3333333333333333333333333333333333333333");
    expected.put(20, "push");
    expected.put(21, "https://github.com/octo/app/actions/runs/100/attempts/2");
    expected.put(22, "public");
    expected.put(24, "repo:octo/app:ref:refs/heads/main");
    assertEquals(expected, byArc(id));
    assertEquals(expected.keySet().stream().toList(), id.extensions().stream().map(FulcioExtension::arc).toList(),
        "ascending arc order");
  }

  @Test
  void githubEnterpriseServerUrlAndEnvironment() throws Exception {
    Map<String, Object> c = githubClaims();
    c.put("server_url", "https://ghe.example.com");
    c.put("environment", "production");
    Identity id = identity(OidcIssuer.of(GH, IssuerType.GITHUB_ACTIONS), c);
    assertEquals("https://ghe.example.com/octo/app/.github/workflows/release.yml@refs/heads/main", id.san());
    assertEquals("production", byArc(id).get(23));
    assertEquals("https://ghe.example.com/octo/app", byArc(id).get(12));
  }

  @Test
  void githubTokenWithoutWorkflowRefIsRefused() {
    Map<String, Object> c = githubClaims();
    c.remove("job_workflow_ref");
    TokenRejectedException e = assertThrows(TokenRejectedException.class,
        () -> identity(OidcIssuer.of(GH, IssuerType.GITHUB_ACTIONS), c));
    assertEquals(Reason.BAD_CLAIM, e.reason());
    assertTrue(e.getMessage().contains("job_workflow_ref"), e.getMessage());
  }

  @Test
  void emailNeedsVerifiedEmailAndChallengesWithIt() throws Exception {
    OidcIssuer issuer = OidcIssuer.of("https://accounts.example.com", IssuerType.EMAIL);
    Identity id = identity(issuer, Map.of("sub", "123", "email", "a@example.com", "email_verified", true));
    assertEquals(SanType.EMAIL, id.sanType());
    assertEquals("a@example.com", id.san());
    assertEquals("a@example.com", id.challenge());
    assertEquals(Map.of(1, "https://accounts.example.com", 8, "https://accounts.example.com", 24, "123"), byArc(id));
    assertEquals(Reason.EMAIL_NOT_VERIFIED, assertThrows(TokenRejectedException.class,
        () -> identity(issuer, Map.of("sub", "1", "email", "a@example.com", "email_verified", false))).reason());
    assertEquals(Reason.EMAIL_NOT_VERIFIED, assertThrows(TokenRejectedException.class,
        () -> identity(issuer, Map.of("sub", "1", "email", "a@example.com"))).reason());
    assertEquals(Reason.BAD_CLAIM, assertThrows(TokenRejectedException.class,
        () -> identity(issuer, Map.of("sub", "1", "email_verified", true))).reason());
  }

  @Test
  void sansThatAreNotIa5StringsAreRefusedAsBadClaims() {
    OidcIssuer issuer = OidcIssuer.of("https://accounts.example.com", IssuerType.EMAIL);
    TokenRejectedException e = assertThrows(TokenRejectedException.class,
        () -> identity(issuer, Map.of("sub", "1", "email", "jürgen@example.com", "email_verified", true)));
    assertEquals(Reason.BAD_CLAIM, e.reason());
    assertTrue(e.getMessage().contains("printable ASCII"), e.getMessage());
    Map<String, Object> c = githubClaims();
    c.put("job_workflow_ref", "octo/app/.github/workflows/a b.yml@refs/heads/main");
    assertEquals(Reason.BAD_CLAIM, assertThrows(TokenRejectedException.class,
        () -> identity(OidcIssuer.of(GH, IssuerType.GITHUB_ACTIONS), c)).reason());
  }

  @Test
  void gitlabPipelineClaims() throws Exception {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("sub", "project_path:grp/proj:ref_type:branch:ref:main");
    c.put("ci_config_ref_uri", "gitlab.com/grp/proj//.gitlab-ci.yml@refs/heads/main");
    c.put("ci_config_sha", "aaaa");
    c.put("project_path", "grp/proj");
    c.put("project_id", "9");
    c.put("namespace_path", "grp");
    c.put("namespace_id", "3");
    c.put("ref", "main");
    c.put("ref_type", "branch");
    c.put("sha", "bbbb");
    c.put("pipeline_source", "push");
    c.put("job_id", "77");
    c.put("runner_environment", "gitlab-hosted");
    c.put("project_visibility", "private");
    Identity id = identity(OidcIssuer.of("https://gitlab.com", IssuerType.GITLAB), c);
    assertEquals("https://gitlab.com/grp/proj//.gitlab-ci.yml@refs/heads/main", id.san());
    Map<Integer, String> m = byArc(id);
    assertEquals("https://gitlab.com/grp/proj", m.get(12));
    assertEquals("refs/heads/main", m.get(14));
    assertEquals("https://gitlab.com/grp/proj/-/jobs/77", m.get(21));
    assertEquals("private", m.get(22));
    assertEquals("https://gitlab.com/grp", m.get(16));
  }

  @Test
  void uriSubjectsMustBeUnderTheSubjectDomain() throws Exception {
    OidcIssuer issuer = new OidcIssuer("https://ci.example.com", "sigstore", IssuerType.URI, "https://ci.example.com");
    Identity id = identity(issuer, Map.of("sub", "https://ci.example.com/jobs/1"));
    assertEquals(SanType.URI, id.sanType());
    assertEquals("https://ci.example.com/jobs/1", id.san());
    assertEquals(Reason.BAD_CLAIM, assertThrows(TokenRejectedException.class,
        () -> identity(issuer, Map.of("sub", "https://evil.example.net/jobs/1"))).reason());
  }

  @Test
  void usernamesBecomeOtherNames() throws Exception {
    OidcIssuer issuer = new OidcIssuer("https://id.example.com", "sigstore", IssuerType.USERNAME, "example.com");
    Identity id = identity(issuer, Map.of("sub", "alice"));
    assertEquals(SanType.OTHER_NAME, id.sanType());
    assertEquals("alice@example.com", id.san());
    assertEquals("alice", id.challenge());
    assertEquals(Reason.BAD_CLAIM, assertThrows(TokenRejectedException.class,
        () -> identity(issuer, Map.of("sub", "alice@elsewhere"))).reason());
  }

  @Test
  void issuerTypesParseFulcioAndSignetNames() {
    assertEquals(IssuerType.GITHUB_ACTIONS, IssuerType.parse("github-actions"));
    assertEquals(IssuerType.GITHUB_ACTIONS, IssuerType.parse("github-workflow"));
    assertEquals(IssuerType.GITLAB, IssuerType.parse("gitlab-pipeline"));
    assertEquals(IssuerType.EMAIL, IssuerType.parse("EMAIL"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IssuerType.parse("spiffe"));
    assertTrue(e.getMessage().contains("expected email, github-actions"), e.getMessage());
  }
}
