package dev.signet.registry.server.trust;

import dev.signet.verify.x509.IdentityPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One keyless signer a policy trusts: the OIDC issuer and the certificate subject (SAN), each exact or a
 * regular expression (cosign's Go syntax, unanchored: write {@code ^…$}), and optional GitHub workflow
 * claims that must all match exactly. Checked by the engine's {@link IdentityPolicy}.
 *
 * <p>Spec form (the CLI's {@code --identity}): comma-separated {@code key=value} pairs with keys
 * {@link #SPEC_KEYS}; a value may contain commas when the text after a comma is not another key.
 */
public record KeylessIdentity(
    String issuer, String issuerRegexp, String subject, String subjectRegexp, String githubWorkflowTrigger,
    String githubWorkflowSha, String githubWorkflowName, String githubWorkflowRepository, String githubWorkflowRef) {

  /** Spec keys, in wire order, mapped to the policy document's field names. */
  public static final Map<String, String> SPEC_KEYS = specKeys();
  private static final Pattern SPLIT = Pattern.compile(",(?=(" + String.join("|", specKeys().keySet()) + ")=)");

  public KeylessIdentity {
    issuer = trim(issuer);
    issuerRegexp = trim(issuerRegexp);
    subject = trim(subject);
    subjectRegexp = trim(subjectRegexp);
    githubWorkflowTrigger = trim(githubWorkflowTrigger);
    githubWorkflowSha = trim(githubWorkflowSha);
    githubWorkflowName = trim(githubWorkflowName);
    githubWorkflowRepository = trim(githubWorkflowRepository);
    githubWorkflowRef = trim(githubWorkflowRef);
    String got = " (got issuer=" + issuer + ",issuer-regexp=" + issuerRegexp + ",subject=" + subject
        + ",subject-regexp=" + subjectRegexp + ")";
    if (issuer.isEmpty() == issuerRegexp.isEmpty()) {
      throw new IllegalArgumentException("an identity needs exactly one of issuer and issuer-regexp" + got);
    }
    if (subject.isEmpty() == subjectRegexp.isEmpty()) {
      throw new IllegalArgumentException("an identity needs exactly one of subject and subject-regexp" + got);
    }
    checkRegexp("issuer-regexp", issuerRegexp);
    checkRegexp("subject-regexp", subjectRegexp);
  }

  /** From field name → value (the policy document's identity object); unknown names are refused. */
  public static KeylessIdentity fromFields(Map<String, String> f) {
    for (String name : f.keySet()) {
      if (!SPEC_KEYS.containsValue(name)) {
        throw new IllegalArgumentException("unknown identity field " + name + " (expected " + SPEC_KEYS.values() + ")");
      }
    }
    return new KeylessIdentity(f.get("issuer"), f.get("issuerRegexp"), f.get("subject"), f.get("subjectRegexp"),
        f.get("githubWorkflowTrigger"), f.get("githubWorkflowSha"), f.get("githubWorkflowName"),
        f.get("githubWorkflowRepository"), f.get("githubWorkflowRef"));
  }

  /** Parses {@code issuer=…,subject-regexp=…[,github-workflow-repository=…]}. */
  public static KeylessIdentity parseSpec(String spec) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : SPLIT.split(spec == null ? "" : spec.trim())) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq).trim();
      String field = SPEC_KEYS.get(key);
      if (eq < 0 || field == null) {
        throw new IllegalArgumentException("identity \"" + spec + "\": " + (eq < 0 ? "\"" + pair + "\" is not key=value"
            : "unknown key " + key) + " (keys: " + String.join(", ", SPEC_KEYS.keySet()) + ")");
      }
      if (fields.put(field, pair.substring(eq + 1)) != null) {
        throw new IllegalArgumentException("identity \"" + spec + "\": " + key + " is given twice");
      }
    }
    return fromFields(fields);
  }

  /** The non-empty fields by document field name, in wire order. */
  public Map<String, String> fields() {
    Map<String, String> out = new LinkedHashMap<>();
    String[] values = {issuer, issuerRegexp, subject, subjectRegexp, githubWorkflowTrigger, githubWorkflowSha,
        githubWorkflowName, githubWorkflowRepository, githubWorkflowRef};
    int i = 0;
    for (String name : SPEC_KEYS.values()) {
      if (!values[i].isEmpty()) {
        out.put(name, values[i]);
      }
      i++;
    }
    return out;
  }

  /** The spec form, e.g. {@code issuer=https://…,subject-regexp=^…$}. */
  public String spec() {
    StringBuilder s = new StringBuilder();
    Map<String, String> f = fields();
    SPEC_KEYS.forEach((key, name) -> {
      if (f.containsKey(name)) {
        s.append(s.isEmpty() ? "" : ",").append(key).append('=').append(f.get(name));
      }
    });
    return s.toString();
  }

  /** The engine's identity policy for this one identity. */
  public IdentityPolicy policy() {
    return IdentityPolicy.of(new IdentityPolicy.Identity(subject, subjectRegexp, issuer, issuerRegexp))
        .withGithubWorkflow(githubWorkflowTrigger, githubWorkflowSha, githubWorkflowName, githubWorkflowRepository,
            githubWorkflowRef);
  }

  /** The engine compiles regexps when matching; refuse bad syntax up front. */
  private static void checkRegexp(String name, String re) {
    if (!re.isEmpty()) {
      try {
        IdentityPolicy.validateRegexp(re);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " " + e.getMessage(), e);
      }
    }
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  private static Map<String, String> specKeys() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("issuer", "issuer");
    m.put("issuer-regexp", "issuerRegexp");
    m.put("subject", "subject");
    m.put("subject-regexp", "subjectRegexp");
    m.put("github-workflow-trigger", "githubWorkflowTrigger");
    m.put("github-workflow-sha", "githubWorkflowSha");
    m.put("github-workflow-name", "githubWorkflowName");
    m.put("github-workflow-repository", "githubWorkflowRepository");
    m.put("github-workflow-ref", "githubWorkflowRef");
    return java.util.Collections.unmodifiableMap(m);
  }
}
