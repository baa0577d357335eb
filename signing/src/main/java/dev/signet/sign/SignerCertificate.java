package dev.signet.sign;

import dev.signet.verify.x509.FulcioIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code cosign verify} reports about the certificate a keyless signature verified with: the first
 * SAN and the deprecated (v1, raw-valued) Fulcio extensions {@code 1.3.6.1.4.1.57264.1.1}–{@code .1.6},
 * exactly as cosign's {@code CertExtensions} reads them (a certificate with only the v2 issuer
 * {@code .1.8} shows no issuer there, as in cosign).
 *
 * @param subject the first SAN (DNS, email, IP, URI, other name order), empty when none
 * @param extensions the v1 extensions present, OID → value
 */
public record SignerCertificate(String subject, Map<String, String> extensions) {
  /** cosign's {@code CertExtensionMap}: v1 OID → the readable key also written to {@code optional}. */
  private static final Map<String, String> READABLE = readable();

  public SignerCertificate {
    Objects.requireNonNull(subject, "subject");
    extensions = Map.copyOf(extensions);
  }

  private static Map<String, String> readable() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(FulcioIdentity.ISSUER_V1, "oidcIssuer");
    m.put(FulcioIdentity.GITHUB_WORKFLOW_TRIGGER, "githubWorkflowTrigger");
    m.put(FulcioIdentity.GITHUB_WORKFLOW_SHA, "githubWorkflowSha");
    m.put(FulcioIdentity.GITHUB_WORKFLOW_NAME, "githubWorkflowName");
    m.put(FulcioIdentity.GITHUB_WORKFLOW_REPOSITORY, "githubWorkflowRepository");
    m.put(FulcioIdentity.GITHUB_WORKFLOW_REF, "githubWorkflowRef");
    return Map.copyOf(m);
  }

  /** The summary of a verified leaf's identity. */
  public static SignerCertificate of(FulcioIdentity id) {
    List<String> sans = id.subjectAlternativeNames();
    Map<String, String> v1 = new LinkedHashMap<>();
    for (String oid : READABLE.keySet()) {
      String v = id.extensions().get(oid);
      if (v != null && !v.isEmpty()) {
        v1.put(oid, v);
      }
    }
    return new SignerCertificate(sans.isEmpty() ? "" : sans.get(0), v1);
  }

  /** The issuer as cosign reports it ({@code .1.1}), empty when absent. */
  public String issuer() {
    return extensions.getOrDefault(FulcioIdentity.ISSUER_V1, "");
  }

  /**
   * cosign's additions to {@code optional}: {@code Subject}; {@code Issuer} and the issuer OID; each
   * GitHub workflow value under its readable name and its OID.
   */
  public Map<String, Object> optionalFields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Subject", subject);
    String issuer = issuer();
    if (!issuer.isEmpty()) {
      m.put("Issuer", issuer);
      m.put(FulcioIdentity.ISSUER_V1, issuer);
    }
    for (Map.Entry<String, String> e : extensions.entrySet()) {
      if (!e.getKey().equals(FulcioIdentity.ISSUER_V1)) {
        m.put(READABLE.get(e.getKey()), e.getValue());
        m.put(e.getKey(), e.getValue());
      }
    }
    return m;
  }

  /** The lines {@code -o text} prints on standard error before the payload. */
  public String textLines() {
    StringBuilder b = new StringBuilder("Certificate subject: ").append(subject).append('\n');
    line(b, "Certificate issuer URL: ", issuer());
    line(b, "GitHub Workflow Trigger: ", extensions.get(FulcioIdentity.GITHUB_WORKFLOW_TRIGGER));
    line(b, "GitHub Workflow SHA: ", extensions.get(FulcioIdentity.GITHUB_WORKFLOW_SHA));
    line(b, "GitHub Workflow Name: ", extensions.get(FulcioIdentity.GITHUB_WORKFLOW_NAME));
    line(b, "GitHub Workflow Repository: ", extensions.get(FulcioIdentity.GITHUB_WORKFLOW_REPOSITORY));
    line(b, "GitHub Workflow Ref: ", extensions.get(FulcioIdentity.GITHUB_WORKFLOW_REF));
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    if (value != null && !value.isEmpty()) {
      b.append(label).append(value).append('\n');
    }
  }
}
