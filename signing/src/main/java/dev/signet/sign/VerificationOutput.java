package dev.signet.sign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.signet.oci.internal.GoJson;
import dev.signet.oci.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code cosign verify} prints, byte for byte: the check list on stderr
 * ({@code PrintVerificationHeader}) and the verified payloads on stdout ({@code PrintVerification}).
 */
public final class VerificationOutput {
  private static final String ANNOTATIONS = "  - The specified annotations were verified.\n";
  private static final String CLAIMS = "  - The cosign claims were validated\n";
  private static final String TLOG_OFFLINE = "  - Existence of the claims in the transparency log was verified offline\n";
  private static final String KEY = "  - The signatures were verified against the specified public key\n";
  private static final String CERTIFICATE = "  - The code-signing certificate was verified using trusted certificate"
      + " authority certificates\n";
  private static final String TLOG_SKIPPED = "WARNING: Skipping tlog verification is an insecure practice that lacks"
      + " transparency and auditability verification for the signature.\n";

  private VerificationOutput() {}

  /**
   * The stderr header for {@code ref} (printed as given, normalised), in cosign's line order. Unlike
   * cosign, no line claims a check that did not run: the transparency-log line only when
   * {@code tlogVerified} (an entry was verified offline for each signature; never with
   * {@code --insecure-ignore-tlog}), and never cosign's online-lookup lines (Signet does not query a log).
   */
  public static String header(ImageReference ref, VerificationPolicy policy, boolean tlogVerified) {
    StringBuilder b = new StringBuilder()
        .append("\nVerification for ").append(ref.name()).append(" --\n")
        .append("The following checks were performed on each of these signatures:\n");
    if (policy.checkClaims()) {
      if (!policy.annotations().isEmpty()) {
        b.append(ANNOTATIONS);
      }
      b.append(CLAIMS);
    }
    if (tlogVerified) {
      b.append(TLOG_OFFLINE);
    }
    return b.append(policy.isKeyMode() ? KEY : CERTIFICATE).toString();
  }

  /** The header for a report of {@link ImageVerifier#verify}. */
  public static String header(VerificationReport report, VerificationPolicy policy) {
    return header(report.reference(), policy, report.tlogVerified());
  }

  /**
   * cosign's warning on standard error when {@code --insecure-ignore-tlog} is set, printed once before
   * anything is verified.
   */
  public static String tlogSkippedWarning() {
    return TLOG_SKIPPED;
  }

  /**
   * stdout for {@code -o json} (the default): a newline, the Go-compact JSON array of simple-signing
   * objects ({@code critical} then {@code optional}, unknown payload fields dropped, {@code optional}
   * keys sorted), and a newline.
   */
  public static String json(List<VerifiedSignature> signatures) {
    if (signatures.isEmpty()) {
      return "\nnull\n"; // Go marshals a nil slice as null
    }
    List<Entry> entries = new ArrayList<>();
    for (VerifiedSignature s : signatures) {
      entries.add(entry(s.dockerReference(), s.digest(), s.type(), s.optional()));
    }
    return "\n" + new String(GoJson.write(entries), StandardCharsets.UTF_8) + "\n";
  }

  /** stdout for {@code -o text}: each payload followed by a newline. */
  public static String text(List<VerifiedSignature> signatures) {
    StringBuilder b = new StringBuilder();
    for (VerifiedSignature s : signatures) {
      b.append(text(s));
    }
    return b.toString();
  }

  /** stdout for one signature with {@code -o text}: its payload and a newline. */
  public static String text(VerifiedSignature signature) {
    return new String(signature.payload(), StandardCharsets.UTF_8) + "\n";
  }

  /**
   * stderr for one signature with {@code -o text}, printed before its payload: cosign's certificate
   * lines (subject, issuer URL, GitHub workflow values), empty in key mode.
   */
  public static String textCertificateLines(VerifiedSignature signature) {
    return signature.certificate() == null ? "" : signature.certificate().textLines();
  }

  static Entry entry(String reference, String digest, String type, Map<String, Object> optional) {
    return new Entry(new Critical(new Identity(reference), new Image(digest), type), optional);
  }

  /** sigstore's {@code payload.SimpleContainerImage}, in Go field order. */
  @JsonPropertyOrder({"critical", "optional"})
  record Entry(Critical critical, Map<String, Object> optional) {}

  @JsonPropertyOrder({"identity", "image", "type"})
  record Critical(Identity identity, Image image, String type) {}

  record Identity(@JsonProperty("docker-reference") String dockerReference) {}

  record Image(@JsonProperty("docker-manifest-digest") String dockerManifestDigest) {}
}
