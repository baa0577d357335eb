package dev.signet.sigstore.ca.oidc;

import static dev.signet.sigstore.ca.FulcioExtension.*;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.signet.sigstore.ca.FulcioExtension;
import dev.signet.sigstore.ca.Identity;
import dev.signet.sigstore.ca.Identity.SanType;
import dev.signet.sigstore.ca.oidc.TokenRejectedException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fulcio's mapping of a verified token to a certificate identity, per {@link IssuerType}
 * ({@code pkg/identity/*}/principal.go): the SAN, the proof-of-possession challenge and the extensions.
 * Pure: no I/O.
 */
public final class Principals {
  private static final String GITHUB = "https://github.com";
  private static final String GITLAB = "https://gitlab.com";

  private Principals() {}

  /**
   * The identity {@code token} asserts.
   *
   * @throws TokenRejectedException ({@link Reason#EMAIL_NOT_VERIFIED}, {@link Reason#BAD_CLAIM}) when a
   *     claim the issuer type needs is missing or unacceptable
   */
  public static Identity identity(VerifiedToken token) throws TokenRejectedException {
    OidcIssuer issuer = token.issuer();
    Claims c = new Claims(token.claims(), issuer.issuerUrl());
    String sub = c.required("sub");
    List<FulcioExtension> ext = new ArrayList<>();
    ext.add(new FulcioExtension(ISSUER_V1, issuer.issuerUrl()));
    ext.add(new FulcioExtension(ISSUER_V2, issuer.issuerUrl()));
    Identity id = switch (issuer.type()) {
      case EMAIL -> email(c, sub, ext);
      case GITHUB_ACTIONS -> github(c, sub, ext);
      case GITLAB -> gitlab(c, sub, ext);
      case URI -> uri(c, sub, issuer, ext);
      case USERNAME -> username(sub, issuer, ext);
      case SIGNET_REGISTRY -> registryAccount(c, sub, issuer, ext);
    };
    return id;
  }

  private static Identity email(Claims c, String sub, List<FulcioExtension> ext) throws TokenRejectedException {
    String email = c.required("email");
    Object verified = c.claims.getClaim("email_verified");
    if (!Boolean.TRUE.equals(verified)) {
      throw new TokenRejectedException(Reason.EMAIL_NOT_VERIFIED, "OIDC identity token from " + c.issuer
          + ": email " + email + " is not verified (email_verified is " + verified + ")");
    }
    ext.add(new FulcioExtension(TOKEN_SUBJECT, sub));
    return build(c.issuer, SanType.EMAIL, email, email, ext);
  }

  private static Identity github(Claims c, String sub, List<FulcioExtension> ext) throws TokenRejectedException {
    String server = c.optional("server_url").orElse(GITHUB).replaceAll("/+$", "");
    String jobWorkflowRef = c.required("job_workflow_ref");
    String repository = c.required("repository");
    String sha = c.required("sha");
    String ref = c.required("ref");
    String event = c.required("event_name");
    ext.add(new FulcioExtension(GITHUB_WORKFLOW_TRIGGER, event));
    ext.add(new FulcioExtension(GITHUB_WORKFLOW_SHA, sha));
    ext.add(new FulcioExtension(GITHUB_WORKFLOW_NAME, c.required("workflow")));
    ext.add(new FulcioExtension(GITHUB_WORKFLOW_REPOSITORY, repository));
    ext.add(new FulcioExtension(GITHUB_WORKFLOW_REF, ref));
    ext.add(new FulcioExtension(BUILD_SIGNER_URI, server + "/" + jobWorkflowRef));
    c.put(ext, BUILD_SIGNER_DIGEST, "job_workflow_sha", "");
    c.put(ext, RUNNER_ENVIRONMENT, "runner_environment", "");
    ext.add(new FulcioExtension(SOURCE_REPOSITORY_URI, server + "/" + repository));
    ext.add(new FulcioExtension(SOURCE_REPOSITORY_DIGEST, sha));
    ext.add(new FulcioExtension(SOURCE_REPOSITORY_REF, ref));
    c.put(ext, SOURCE_REPOSITORY_IDENTIFIER, "repository_id", "");
    c.put(ext, SOURCE_REPOSITORY_OWNER_URI, "repository_owner", server + "/");
    c.put(ext, SOURCE_REPOSITORY_OWNER_IDENTIFIER, "repository_owner_id", "");
    c.put(ext, BUILD_CONFIG_URI, "workflow_ref", server + "/");
    c.put(ext, BUILD_CONFIG_DIGEST, "workflow_sha", "");
    ext.add(new FulcioExtension(BUILD_TRIGGER, event));
    var runId = c.optional("run_id");
    var attempt = c.optional("run_attempt");
    if (runId.isPresent() && attempt.isPresent()) {
      ext.add(new FulcioExtension(RUN_INVOCATION_URI,
          server + "/" + repository + "/actions/runs/" + runId.get() + "/attempts/" + attempt.get()));
    }
    c.put(ext, SOURCE_REPOSITORY_VISIBILITY, "repository_visibility", "");
    c.put(ext, DEPLOYMENT_ENVIRONMENT, "environment", "");
    ext.add(new FulcioExtension(TOKEN_SUBJECT, sub));
    return build(c.issuer, SanType.URI, server + "/" + jobWorkflowRef, sub, ext);
  }

  private static Identity gitlab(Claims c, String sub, List<FulcioExtension> ext) throws TokenRejectedException {
    String server = c.optional("server_url").orElse(GITLAB).replaceAll("/+$", "");
    String configRefUri = "https://" + c.required("ci_config_ref_uri");
    String project = c.required("project_path");
    String refType = c.required("ref_type");
    String ref = c.required("ref");
    String fullRef = switch (refType) {
      case "branch" -> "refs/heads/" + ref;
      case "tag" -> "refs/tags/" + ref;
      default -> throw new TokenRejectedException(Reason.BAD_CLAIM, "OIDC identity token from " + c.issuer
          + ": unexpected ref_type '" + refType + "' (expected branch or tag)");
    };
    ext.add(new FulcioExtension(BUILD_SIGNER_URI, configRefUri));
    c.put(ext, BUILD_SIGNER_DIGEST, "ci_config_sha", "");
    c.put(ext, RUNNER_ENVIRONMENT, "runner_environment", "");
    ext.add(new FulcioExtension(SOURCE_REPOSITORY_URI, server + "/" + project));
    c.put(ext, SOURCE_REPOSITORY_DIGEST, "sha", "");
    ext.add(new FulcioExtension(SOURCE_REPOSITORY_REF, fullRef));
    c.put(ext, SOURCE_REPOSITORY_IDENTIFIER, "project_id", "");
    c.put(ext, SOURCE_REPOSITORY_OWNER_URI, "namespace_path", server + "/");
    c.put(ext, SOURCE_REPOSITORY_OWNER_IDENTIFIER, "namespace_id", "");
    ext.add(new FulcioExtension(BUILD_CONFIG_URI, configRefUri));
    c.put(ext, BUILD_CONFIG_DIGEST, "ci_config_sha", "");
    c.put(ext, BUILD_TRIGGER, "pipeline_source", "");
    c.optional("job_id").ifPresent(job -> ext.add(new FulcioExtension(RUN_INVOCATION_URI,
        server + "/" + project + "/-/jobs/" + job)));
    c.put(ext, SOURCE_REPOSITORY_VISIBILITY, "project_visibility", "");
    return build(c.issuer, SanType.URI, configRefUri, sub, ext);
  }

  private static Identity uri(Claims c, String sub, OidcIssuer issuer, List<FulcioExtension> ext)
      throws TokenRejectedException {
    try {
      URI s = new URI(sub);
      URI domain = new URI(issuer.subjectDomain());
      if (s.getScheme() == null || s.getHost() == null || !s.getScheme().equalsIgnoreCase(domain.getScheme())
          || !s.getHost().equalsIgnoreCase(domain.getHost())) {
        throw new TokenRejectedException(Reason.BAD_CLAIM, "OIDC identity token from " + c.issuer + ": subject '"
            + sub + "' is not a URI under " + issuer.subjectDomain());
      }
    } catch (URISyntaxException e) {
      throw new TokenRejectedException(Reason.BAD_CLAIM, "OIDC identity token from " + c.issuer + ": subject '"
          + sub + "' is not a URI", e);
    }
    return build(c.issuer, SanType.URI, sub, sub, ext);
  }

  private static Identity username(String sub, OidcIssuer issuer, List<FulcioExtension> ext)
      throws TokenRejectedException {
    if (sub.contains("@")) {
      throw new TokenRejectedException(Reason.BAD_CLAIM, "OIDC identity token from " + issuer.issuerUrl()
          + ": username subject '" + sub + "' must not contain '@'");
    }
    return build(issuer.issuerUrl(), SanType.OTHER_NAME, sub + "@" + issuer.subjectDomain(), sub, ext);
  }

  /**
   * A Signet registry's account or robot: SAN URI {@code <issuer>/accounts/<sub>} (or {@code /robots/<sub>} when
   * {@code signet_account_type} is {@code robot}), so every verifier can match it as a URI identity; the
   * proof of possession is over {@code sub}.
   */
  private static Identity registryAccount(Claims c, String sub, OidcIssuer issuer, List<FulcioExtension> ext)
      throws TokenRejectedException {
    if (!sub.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new TokenRejectedException(Reason.BAD_CLAIM, "OIDC identity token from " + c.issuer + ": subject '"
          + sub + "' is not a registry account name");
    }
    String kind = c.optional("signet_account_type").orElse("user");
    String base = issuer.issuerUrl().replaceAll("/+$", "");
    String san = base + ("robot".equals(kind) ? "/robots/" : "/accounts/") + sub;
    ext.add(new FulcioExtension(TOKEN_SUBJECT, sub));
    return build(c.issuer, SanType.URI, san, sub, ext);
  }

  private static Identity build(String issuer, SanType type, String san, String challenge, List<FulcioExtension> ext)
      throws TokenRejectedException {
    if (type != SanType.OTHER_NAME && !san.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
      // email and URI SANs are IA5Strings: printable ASCII without spaces
      throw new TokenRejectedException(Reason.BAD_CLAIM, "OIDC identity token from " + issuer + ": subject '" + san
          + "' cannot be a certificate " + (type == SanType.EMAIL ? "email address" : "URI")
          + " (only printable ASCII without spaces)");
    }
    ext.sort(Comparator.comparingInt(FulcioExtension::arc));
    return new Identity(issuer, type, san, challenge, ext);
  }

  /** String claims with messages that name the issuer. */
  private record Claims(JWTClaimsSet claims, String issuer) {
    String required(String name) throws TokenRejectedException {
      return optional(name).orElseThrow(() -> new TokenRejectedException(Reason.BAD_CLAIM,
          "OIDC identity token from " + issuer + " lacks the '" + name + "' claim"));
    }

    java.util.Optional<String> optional(String name) throws TokenRejectedException {
      Object v = claims.getClaim(name);
      if (v == null) {
        return java.util.Optional.empty();
      }
      if (!(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
        throw new TokenRejectedException(Reason.BAD_CLAIM, "OIDC identity token from " + issuer + ": claim '"
            + name + "' is not a string");
      }
      String s = v.toString();
      return s.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(s);
    }

    /** Adds {@code prefix + claim} as extension {@code arc} when the claim is present. */
    void put(List<FulcioExtension> ext, int arc, String claim, String prefix) throws TokenRejectedException {
      var v = optional(claim);
      if (v.isPresent()) {
        ext.add(new FulcioExtension(arc, prefix + v.get()));
      }
    }
  }
}
