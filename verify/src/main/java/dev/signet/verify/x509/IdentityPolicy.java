package dev.signet.verify.x509;

import dev.signet.verify.CertificateIdentityCheck;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * cosign's certificate identity policy: {@code --certificate-identity[-regexp]},
 * {@code --certificate-oidc-issuer[-regexp]} (one {@link Identity} per flag set; a list matches if any
 * identity does) and the {@code --certificate-github-workflow-*} claims (exact, all that are given
 * must match). As in cosign, a regexp wins over the exact value of the same field, a regexp is
 * unanchored (Go {@code MatchString}: write {@code ^…$} to match the whole value), a subject matches
 * if any SAN value does, and an empty identity list puts no constraint on SAN or issuer (callers that
 * need an identity, like the CLI, must insist on one).
 */
public record IdentityPolicy(
    List<Identity> identities,
    String githubWorkflowTrigger,
    String githubWorkflowSha,
    String githubWorkflowName,
    String githubWorkflowRepository,
    String githubWorkflowRef) implements CertificateIdentityCheck {

  /** One expected identity; empty strings mean "no constraint". */
  public record Identity(String subject, String subjectRegexp, String issuer, String issuerRegexp) {
    public Identity {
      subject = nullToEmpty(subject);
      subjectRegexp = nullToEmpty(subjectRegexp);
      issuer = nullToEmpty(issuer);
      issuerRegexp = nullToEmpty(issuerRegexp);
    }

    public static Identity exact(String subject, String issuer) {
      return new Identity(subject, "", issuer, "");
    }

    public static Identity regexp(String subjectRegexp, String issuerRegexp) {
      return new Identity("", subjectRegexp, "", issuerRegexp);
    }

    /** Null when {@code id} matches, else why not. */
    String mismatch(FulcioIdentity id) throws VerificationException {
      List<String> sans = id.subjectAlternativeNames();
      String problem = null;
      if (!subjectRegexp.isEmpty()) {
        Pattern p = compile(subjectRegexp, "subject");
        if (sans.stream().noneMatch(s -> p.matcher(s).find())) {
          problem = "subject " + show(sans) + " does not match regexp " + subjectRegexp;
        }
      } else if (!subject.isEmpty() && !sans.contains(subject)) {
        problem = "subject " + show(sans) + " is not " + subject;
      }
      String issuerProblem = null;
      if (!issuerRegexp.isEmpty()) {
        Pattern p = compile(issuerRegexp, "issuer");
        if (!p.matcher(id.issuer()).find()) {
          issuerProblem = "issuer " + showIssuer(id) + " does not match regexp " + issuerRegexp;
        }
      } else if (!issuer.isEmpty() && !issuer.equals(id.issuer())) {
        issuerProblem = "issuer " + showIssuer(id) + " is not " + issuer;
      }
      if (problem != null && issuerProblem != null) {
        return problem + " and " + issuerProblem;
      }
      return problem != null ? problem : issuerProblem;
    }

    private static Pattern compile(String re, String field) throws VerificationException {
      try {
        return GoRegexp.compile(re);
      } catch (PatternSyntaxException e) {
        throw new VerificationException(Check.IDENTITY, "malformed " + field + " regexp " + re + ": "
            + e.getDescription());
      }
    }
  }

  public IdentityPolicy {
    identities = List.copyOf(identities);
    githubWorkflowTrigger = nullToEmpty(githubWorkflowTrigger);
    githubWorkflowSha = nullToEmpty(githubWorkflowSha);
    githubWorkflowName = nullToEmpty(githubWorkflowName);
    githubWorkflowRepository = nullToEmpty(githubWorkflowRepository);
    githubWorkflowRef = nullToEmpty(githubWorkflowRef);
  }

  /** Identities only, no GitHub workflow claims. */
  public static IdentityPolicy of(Identity... identities) {
    return new IdentityPolicy(List.of(identities), "", "", "", "", "");
  }

  public IdentityPolicy withGithubWorkflow(String trigger, String sha, String name, String repository, String ref) {
    return new IdentityPolicy(identities, trigger, sha, name, repository, ref);
  }

  /**
   * Refuses what {@code --certificate-identity-regexp} and {@code --certificate-oidc-issuer-regexp} would
   * refuse (matching compiles lazily; use this to reject a policy up front).
   *
   * @throws IllegalArgumentException naming the expression and what is wrong with it
   */
  public static void validateRegexp(String re) {
    try {
      GoRegexp.compile(re);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(re + " is not a valid regular expression: " + e.getDescription(), e);
    }
  }

  /** Checks the {@link FulcioIdentity} of a leaf whose chain verified (the engine's keyless mode). */
  @Override
  public void check(X509Certificate leaf) throws VerificationException {
    check(FulcioIdentity.of(leaf));
  }

  /**
   * @throws VerificationException ({@link Check#IDENTITY}) naming the value that did not match, or a
   *     malformed regexp
   */
  public void check(FulcioIdentity id) throws VerificationException {
    claim("GitHub workflow trigger", githubWorkflowTrigger, id.githubWorkflowTrigger());
    claim("GitHub workflow SHA", githubWorkflowSha, id.githubWorkflowSha());
    claim("GitHub workflow name", githubWorkflowName, id.githubWorkflowName());
    claim("GitHub workflow repository", githubWorkflowRepository, id.githubWorkflowRepository());
    claim("GitHub workflow ref", githubWorkflowRef, id.githubWorkflowRef());
    if (identities.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (Identity expected : identities) {
      String problem = expected.mismatch(id);
      if (problem == null) {
        return;
      }
      problems.add(problem);
    }
    if (problems.size() == 1) {
      throw new VerificationException(Check.IDENTITY, problems.get(0));
    }
    throw new VerificationException(Check.IDENTITY, "none of the " + problems.size()
        + " expected identities matched the certificate: " + String.join("; ", problems));
  }

  private static void claim(String name, String expected, String actual) throws VerificationException {
    if (!expected.isEmpty() && !expected.equals(actual)) {
      throw new VerificationException(Check.IDENTITY, name + " " + (actual.isEmpty() ? "is absent from the certificate"
          : actual + " is not " + expected));
    }
  }

  private static String show(List<String> sans) {
    return sans.isEmpty() ? "(no SAN)" : sans.size() == 1 ? sans.get(0) : sans.toString();
  }

  private static String showIssuer(FulcioIdentity id) {
    return id.issuer().isEmpty() ? "(none in certificate)" : id.issuer();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
