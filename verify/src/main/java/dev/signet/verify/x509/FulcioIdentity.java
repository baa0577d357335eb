package dev.signet.verify.x509;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * The identity a Fulcio certificate asserts: its SAN values and the Fulcio OID extensions
 * ({@code 1.3.6.1.4.1.57264.1.*}).
 *
 * <p>Extension values: .1.1–.1.6 are raw UTF-8 bytes (deprecated v1), .1.8 and later are DER
 * UTF8String (v2); a v2 value that is not DER is read as raw bytes. The issuer is .1.8, else .1.1.
 * The GitHub workflow claims are the v1 values, else the v2 equivalents: trigger .1.20, SHA .1.13,
 * repository .1.12 (the URI's path, {@code owner/repo}), ref .1.14; the workflow name has no v2
 * equivalent.
 *
 * @param sans all SAN values
 * @param issuer the OIDC issuer, empty when the certificate has neither issuer extension
 * @param extensions every Fulcio extension, OID → decoded value, sorted by OID
 */
public record FulcioIdentity(
    SubjectAlternativeNames sans,
    String issuer,
    String githubWorkflowTrigger,
    String githubWorkflowSha,
    String githubWorkflowName,
    String githubWorkflowRepository,
    String githubWorkflowRef,
    Map<String, String> extensions) {

  public static final String OID_PREFIX = "1.3.6.1.4.1.57264.1.";
  public static final String ISSUER_V1 = OID_PREFIX + "1";
  public static final String ISSUER_V2 = OID_PREFIX + "8";
  public static final String GITHUB_WORKFLOW_TRIGGER = OID_PREFIX + "2";
  public static final String GITHUB_WORKFLOW_SHA = OID_PREFIX + "3";
  public static final String GITHUB_WORKFLOW_NAME = OID_PREFIX + "4";
  public static final String GITHUB_WORKFLOW_REPOSITORY = OID_PREFIX + "5";
  public static final String GITHUB_WORKFLOW_REF = OID_PREFIX + "6";
  public static final String OTHER_NAME_SAN = OID_PREFIX + "7";
  public static final String SOURCE_REPOSITORY_URI = OID_PREFIX + "12";
  public static final String SOURCE_REPOSITORY_DIGEST = OID_PREFIX + "13";
  public static final String SOURCE_REPOSITORY_REF = OID_PREFIX + "14";
  public static final String BUILD_TRIGGER = OID_PREFIX + "20";

  private static final Set<String> RAW_V1 = Set.of(ISSUER_V1, GITHUB_WORKFLOW_TRIGGER, GITHUB_WORKFLOW_SHA,
      GITHUB_WORKFLOW_NAME, GITHUB_WORKFLOW_REPOSITORY, GITHUB_WORKFLOW_REF);

  public FulcioIdentity {
    extensions = Map.copyOf(extensions);
  }

  /** The SAN values in cosign's order (DNS, email, IP, URI, other names). */
  public List<String> subjectAlternativeNames() {
    return sans.all();
  }

  /** Extensions sorted by OID (the record keeps an unordered copy). */
  public Map<String, String> sortedExtensions() {
    return new TreeMap<>(extensions);
  }

  /**
   * Reads the identity of {@code leaf}.
   *
   * @throws VerificationException ({@code FORMAT}) when the SAN or a Fulcio extension is not DER
   */
  public static FulcioIdentity of(X509Certificate leaf) throws VerificationException {
    SubjectAlternativeNames sans = SubjectAlternativeNames.parse(leaf);
    Map<String, String> ext = new TreeMap<>();
    for (Set<String> oids : List.of(nullToEmpty(leaf.getCriticalExtensionOIDs()), nullToEmpty(leaf.getNonCriticalExtensionOIDs()))) {
      for (String oid : oids) {
        if (oid.startsWith(OID_PREFIX)) {
          try {
            ext.put(oid, value(oid, ASN1OctetString.getInstance(leaf.getExtensionValue(oid)).getOctets()));
          } catch (RuntimeException e) {
            throw new VerificationException(Check.FORMAT, "certificate " + Certificates.describe(leaf)
                + ": malformed extension " + oid + ": " + e.getMessage());
          }
        }
      }
    }
    return new FulcioIdentity(sans,
        first(ext, ISSUER_V2, ISSUER_V1),
        first(ext, GITHUB_WORKFLOW_TRIGGER, BUILD_TRIGGER),
        first(ext, GITHUB_WORKFLOW_SHA, SOURCE_REPOSITORY_DIGEST),
        ext.getOrDefault(GITHUB_WORKFLOW_NAME, ""),
        ext.containsKey(GITHUB_WORKFLOW_REPOSITORY) ? ext.get(GITHUB_WORKFLOW_REPOSITORY)
            : uriPath(ext.getOrDefault(SOURCE_REPOSITORY_URI, "")),
        first(ext, GITHUB_WORKFLOW_REF, SOURCE_REPOSITORY_REF),
        ext);
  }

  private static Set<String> nullToEmpty(Set<String> s) {
    return s == null ? Set.of() : s;
  }

  private static String first(Map<String, String> ext, String preferred, String fallback) {
    String v = ext.get(preferred);
    return v != null ? v : ext.getOrDefault(fallback, "");
  }

  private static String value(String oid, byte[] raw) {
    if (!RAW_V1.contains(oid)) {
      try {
        if (ASN1Primitive.fromByteArray(raw) instanceof ASN1String s) {
          return s.getString();
        }
      } catch (java.io.IOException | RuntimeException e) {
        // not DER: read as raw bytes below
      }
    }
    return new String(raw, StandardCharsets.UTF_8);
  }

  private static String uriPath(String uri) {
    if (uri.isEmpty()) {
      return "";
    }
    try {
      String path = new URI(uri).getPath();
      return path == null ? uri : path.replaceFirst("^/", "");
    } catch (URISyntaxException e) {
      return uri;
    }
  }
}
