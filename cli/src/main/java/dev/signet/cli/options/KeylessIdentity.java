package dev.signet.cli.options;

import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.verify.x509.IdentityPolicy;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Option;

/**
 * cosign's certificate identity flags (a picocli mixin): {@code --certificate-identity[-regexp]},
 * {@code --certificate-oidc-issuer[-regexp]} and {@code --certificate-github-workflow-*}. As in cosign's
 * {@code CertVerifyOptions.Identities}, keyless verification needs a subject and an issuer (exact or
 * regexp); a regexp wins over the exact value of the same field.
 */
public final class KeylessIdentity {
  @Option(names = {"--certificate-identity", "--cert-identity"}, description = "Exact identity (SAN) of the signer.")
  String identity;

  @Option(names = "--certificate-identity-regexp", description = "Regular expression the signer's identity must match.")
  String identityRegexp;

  @Option(names = {"--certificate-oidc-issuer", "--cert-oidc-issuer"}, description = "Exact OIDC issuer of the signer.")
  String issuer;

  @Option(names = "--certificate-oidc-issuer-regexp", description = "Regular expression the OIDC issuer must match.")
  String issuerRegexp;

  @Option(names = "--certificate-github-workflow-trigger", description = "Required GitHub workflow trigger (event).")
  String workflowTrigger;

  @Option(names = "--certificate-github-workflow-sha", description = "Required GitHub workflow commit SHA.")
  String workflowSha;

  @Option(names = "--certificate-github-workflow-name", description = "Required GitHub workflow name.")
  String workflowName;

  @Option(names = "--certificate-github-workflow-repository", description = "Required GitHub workflow repository.")
  String workflowRepository;

  @Option(names = "--certificate-github-workflow-ref", description = "Required GitHub workflow ref.")
  String workflowRef;

  /** True when any subject or issuer flag was given. */
  public boolean given() {
    return identity != null || identityRegexp != null || issuer != null || issuerRegexp != null;
  }

  /** The identity policy, or cosign's one-line error when the subject or the issuer is missing. */
  public IdentityPolicy policy() {
    if (empty(identity) && empty(identityRegexp)) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "--certificate-identity or --certificate-identity-regexp is required for verification in keyless mode");
    }
    if (empty(issuer) && empty(issuerRegexp)) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "--certificate-oidc-issuer or --certificate-oidc-issuer-regexp is required for verification in keyless mode");
    }
    compile(identityRegexp, "--certificate-identity-regexp");
    compile(issuerRegexp, "--certificate-oidc-issuer-regexp");
    return IdentityPolicy.of(new IdentityPolicy.Identity(identity, identityRegexp, issuer, issuerRegexp))
        .withGithubWorkflow(workflowTrigger, workflowSha, workflowName, workflowRepository, workflowRef);
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }

  private static void compile(String regexp, String flag) {
    if (regexp == null) {
      return;
    }
    try {
      Pattern.compile(regexp);
    } catch (PatternSyntaxException e) {
      throw new CommandFailure(ExitCodes.FAILURE, flag + " " + regexp + " is not a regular expression: "
          + e.getDescription());
    }
  }
}
